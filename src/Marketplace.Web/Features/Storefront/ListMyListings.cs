using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Storefront;

public static class ListMyListings
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Query(int Page = 1) : IQuery<PageOf<Listing>>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, PageOf<Listing>>
    {
        public async ValueTask<PageOf<Listing>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.ListingsOwnedBy(user).AsNoTracking().OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).ToPageAsync(query.Page, PageSize, cancellationToken);
    }
}
