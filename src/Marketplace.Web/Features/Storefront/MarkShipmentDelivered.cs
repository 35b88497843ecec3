using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The refurbisher records that a shipment arrived, on the date the carrier's proof of delivery gives.</summary>
public static class MarkShipmentDelivered
{
    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Command(Guid OrderId, Guid ShipmentId, DateOnly DeliveredOn, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.DeliveredOn).NotEmpty().WithMessage("Enter the delivery date.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var order = await db.OrdersSoldBy(user).Include(o => o.Lines).Include(o => o.Shipments).ThenInclude(s => s.Lines)
                            .SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            // A date without a time: the end of that day (UTC) unless that is still ahead, so "today" is never in the future.
            var now = clock.Now;
            var at = new DateTimeOffset(command.DeliveredOn.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero);
            if (command.DeliveredOn == DateOnly.FromDateTime(now.UtcDateTime))
            {
                at = now;
            }

            var shipment = order.ConfirmDelivery(command.ShipmentId, at, DeliveryConfirmation.Seller, user.UserId, now);
            ShipmentNotice.SendDelivered(outbox, order, shipment);
            return Unit.Value;
        }
    }
}
