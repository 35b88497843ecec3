using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// A school's approver says yes to an order above the school's approval limit: only now is it invoiced and
/// does the seller hear of it. The buyer then pays it as chosen at checkout.
/// </summary>
public static class ApproveOrder
{
    [AllowedRoles(Roles.SchoolApprover)]
    public sealed record Command(Guid OrderId, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var order = await db.OrdersPlacedBy(user).Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            order.Approve(user.UserId, clock.Now);
            // The order keeps the schedule in force when it was placed, however long the approver took.
            var fees = order.FeeScheduleId is { } version
                ? await db.FeeSchedules.SingleAsync(f => f.Id == version, cancellationToken)
                : await db.CurrentFeeScheduleAsync(cancellationToken);
            var netTerms = await db.Organizations.Where(o => o.Id == order.BuyerId).Select(o => o.NetTermsDays).SingleAsync(cancellationToken);
            var invoice = OrderInvoicing.Issue(db, outbox, order, fees, clock, netTerms);
            outbox.Email(order.BuyerId, $"Order {order.Number} approved",
                $"{user.Name} approved order {order.Number} ({order.Total:C}). Invoice {invoice.Number} is due {invoice.DueOn:MMMM d, yyyy}" +
                (order.PaymentMethod == PaymentMethod.Card ? "; pay it by card from the order's page." : $" on purchase order {order.PurchaseOrderNumber}."),
                Roles.SchoolBuyer);
            return Unit.Value;
        }
    }
}
