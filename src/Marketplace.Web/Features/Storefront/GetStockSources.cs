using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The refurbisher's certified purchases, each with how many of its devices can still be stocked.</summary>
public static class GetStockSources
{
    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(StockSource Source, int Stockable, int Stocked);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            // A refurbisher holds tens of certified lots, not thousands: sorted here, after the one query.
            var sources = (await db.StockSourcesOf(user).AsNoTracking().ToListAsync(cancellationToken)).OrderByDescending(s => s.CertifiedAt).ToList();
            var rows = new List<Row>(sources.Count);
            foreach (var source in sources)
            {
                rows.Add(new Row(source, await db.Stockable(source.LotId, null, null).CountAsync(cancellationToken),
                    await db.ListingUnits.CountAsync(u => u.LotId == source.LotId, cancellationToken)));
            }

            return rows;
        }
    }
}
