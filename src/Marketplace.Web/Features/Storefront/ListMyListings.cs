using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

public static class ListMyListings
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Query : IQuery<IReadOnlyList<Listing>>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Listing>>
    {
        public async ValueTask<IReadOnlyList<Listing>> Handle(Query query, CancellationToken cancellationToken)
        {
            var sellerId = user.RequireOrganization();
            return await db.Listings.AsNoTracking().Where(l => l.SellerId == sellerId).OrderBy(l => l.Title).ToListAsync(cancellationToken);
        }
    }
}
