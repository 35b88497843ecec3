using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>A school's approver turns down an order above the approval limit: its devices go back on sale and nothing was ever owed.</summary>
public static class RejectOrder
{
    [AllowedRoles(Roles.SchoolApprover)]
    public sealed record Command(Guid OrderId, string Reason, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the order is turned down, so the buyer can fix it.")
                .MaximumLength(500).WithMessage("Keep the reason under 500 characters.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var order = await db.OrdersPlacedBy(user).Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            order.Reject(command.Reason);
            await db.ReleaseStockAsync(order, cancellationToken);
            outbox.Email(order.BuyerId, $"Order {order.Number} was not approved",
                $"{user.Name} turned down order {order.Number} ({order.Total:C}): {order.RejectionReason}\nIts devices are back on sale; nothing is owed.",
                Roles.SchoolBuyer);
            return Unit.Value;
        }
    }
}
