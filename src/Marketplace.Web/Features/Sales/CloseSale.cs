using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// Closes a sealed-bid sale or an auction at its (possibly extended) close: queued in the outbox for the close time when
/// the lot is listed, so it runs after a restart too. Early (the close moved later) it queues itself again for the new
/// close; late or twice, it finds the sale closed and does nothing. The winner and the district are told, and every
/// other bidder learns the outcome.
/// </summary>
public static class CloseSale
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid SaleId) : ICommand<SaleStatus>, IRetryOnConflict;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox, SaleAwards awards, IConfiguration configuration) : ICommandHandler<Command, SaleStatus>
    {
        public async ValueTask<SaleStatus> Handle(Command command, CancellationToken cancellationToken)
        {
            var lotId = await db.Sales.Where(s => s.Id == command.SaleId).Select(s => s.LotId).SingleAsync(cancellationToken);
            var sale = (await db.LoadSaleAsync(lotId, cancellationToken))!;
            var now = clock.Now;
            if (sale.Status == SaleStatus.Open && sale.ClosesAt is { } closes && now < closes)
            {
                outbox.Enqueue(new Command(sale.Id), closes);
                return sale.Status;
            }

            var fees = await db.CurrentFeeScheduleAsync(cancellationToken);
            if (!sale.Close(fees, now))
            {
                return sale.Status;
            }

            var lot = await db.Lots.SingleAsync(l => l.Id == sale.LotId, cancellationToken);
            var bidders = sale.Bids.Where(b => b.Round == sale.Round).Select(b => b.BidderId).Distinct().ToList();
            if (sale.IsAwarded)
            {
                await awards.RecordAsync(sale, lot, $"Bidding on lot {lot.Number} closed and your bid won.", cancellationToken);
            }
            else
            {
                var why = sale.BidCount == 0 ? "no bids were placed" : "the reserve price was not met";
                outbox.Email(sale.DistrictId, $"Lot {lot.Number} closed unsold",
                    $"Bidding on lot {lot.Number} ({lot.Title}) closed and {why}. Relist it, in the same or another way" +
                    (sale.BidCount == 0 ? "." : ", or accept the highest bid.") + $"\n{configuration.PageUrl($"/lots/{lot.Id}")}",
                    Roles.DistrictApprover);
            }

            foreach (var loser in bidders.Where(b => b != sale.BuyerId))
            {
                outbox.Email(loser, $"Bidding on lot {lot.Number} has closed",
                    $"Bidding on lot {lot.Number} ({lot.Title}) closed. " + (sale.IsAwarded
                        ? "Another bidder won it. If the winner does not pay, the district may offer it to the next-highest bidder."
                        : "No bid met the district's terms; the district may relist the lot or accept the highest bid."),
                    Roles.RefurbisherBuyer);
            }

            return sale.Status;
        }
    }
}
