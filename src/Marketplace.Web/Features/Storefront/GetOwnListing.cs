using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>One of the signed-in refurbisher's listings, for its edit form; another seller's listing is not found.</summary>
public static class GetOwnListing
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Query(Guid ListingId) : IQuery<Listing>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Listing>
    {
        public async ValueTask<Listing> Handle(Query query, CancellationToken cancellationToken) =>
            await db.ListingsOwnedBy(user).AsNoTracking().SingleOrDefaultAsync(l => l.Id == query.ListingId, cancellationToken)
            ?? throw new NotFoundException("Listing");
    }
}
