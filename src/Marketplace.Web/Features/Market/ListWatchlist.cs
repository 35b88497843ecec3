using Marketplace.Web.Features.Sales;

namespace Marketplace.Web.Features.Market;

/// <summary>
/// The person's watchlist: the lots they watch that they may still see (open on the market, or won by their organization),
/// soonest closing first. A watched lot sold to someone else drops off the list rather than showing another buyer's deal.
/// </summary>
public static class ListWatchlist
{
    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyList<WatchedLot> Lots, DateTimeOffset Now);

    /// <param name="Open">Still open for quotes or bids; otherwise won by the viewer's organization.</param>
    public sealed record WatchedLot(MarketLotRow Lot, bool Open, DateTimeOffset WatchedAt);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var visible = db.LotsVisibleTo(user);
            var rows = await db.WatchesOf(user)
                .Join(visible, w => w.LotId, l => l.Id, (w, l) => new { Watch = w, Lot = l })
                .Join(db.Sales, x => x.Lot.Id, s => s.LotId, (x, s) => new { x.Watch, x.Lot, Sale = s })
                .OrderBy(x => x.Sale.Status != Domain.Sales.SaleStatus.Open).ThenBy(x => x.Sale.ClosesAt == null).ThenBy(x => x.Sale.ClosesAt).ThenByDescending(x => x.Watch.WatchedAt)
                .Take(500)
                .Select(x => new WatchedLot(
                    new MarketLotRow(x.Lot.Id, x.Lot.Number, x.Lot.Title,
                        db.Organizations.Where(o => o.Id == x.Lot.DistrictId).Select(o => o.Name).First(),
                        db.Organizations.Where(o => o.Id == x.Lot.DistrictId).Select(o => o.State).First(),
                        x.Lot.Manifest.Devices, x.Lot.Manifest.EstimatePoint, x.Lot.ListedAt, x.Sale.Mode, x.Sale.ClosesAt, x.Sale.StartPrice,
                        x.Sale.CurrentPrice, x.Sale.BuyNowPrice, x.Sale.BidCount, x.Sale.LeaderId != null && x.Sale.LeaderId == organizationId),
                    x.Sale.Status == Domain.Sales.SaleStatus.Open, x.Watch.WatchedAt))
                .ToListAsync(cancellationToken);
            return new Result(rows, clock.Now);
        }
    }
}
