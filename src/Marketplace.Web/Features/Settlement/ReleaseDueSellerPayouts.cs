using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Settlement;

/// <summary>
/// Daily (a Hangfire recurring job): every delivered storefront order whose return window has passed, that has no payout
/// and on which the seller is still owed money, gets a <see cref="ReleaseSellerFunds"/> command of its own through the
/// outbox, so one order's failure (Stripe down) never holds back the others. Orders held (an open return, no W-9) are
/// asked again the next day; a re-run finds the payouts already made and sends nothing for them.
/// </summary>
public static class ReleaseDueSellerPayouts
{
    [AllowedRoles(Roles.System)]
    public sealed record Command : ICommand<int>;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            // Delivered on or before today − (window + 1) days: OrderPayoutHold.DueOn is on or before today.
            var deliveredBefore = new DateTimeOffset(clock.Today.AddDays(-Listing.ReturnWindowDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var candidates = await db.Orders
                .Where(o => o.DeliveredAt != null && o.DeliveredAt < deliveredBefore && o.Status != OrderStatus.Cancelled && !db.Payouts.Any(p => p.OrderId == o.Id))
                .Select(o => new { o.Id, o.SellerId })
                .ToListAsync(cancellationToken);
            var queued = 0;
            foreach (var seller in candidates.GroupBy(o => o.SellerId))
            {
                var owed = await db.RefurbisherPayableForOrdersAsync([.. seller.Select(o => o.Id)], seller.Key, cancellationToken);
                foreach (var order in seller.Where(o => owed.GetValueOrDefault(o.Id) > 0))
                {
                    outbox.Enqueue(new ReleaseSellerFunds.Command(order.Id));
                    queued++;
                }
            }

            return queued;
        }
    }
}
