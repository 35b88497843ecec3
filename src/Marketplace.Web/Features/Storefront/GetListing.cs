namespace Marketplace.Web.Features.Storefront;

public static class GetListing
{
    [AllowedRoles(Anonymous = true)]
    public sealed record Query(Guid ListingId) : IQuery<ListingCard>;

    public sealed class Handler(MarketplaceDb db, IClock clock) : IQueryHandler<Query, ListingCard>
    {
        public async ValueTask<ListingCard> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Listings.Where(l => l.Id == query.ListingId && l.IsActive).ToCards(db, clock.Today).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Listing");
    }
}
