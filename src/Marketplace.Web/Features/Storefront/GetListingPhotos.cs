namespace Marketplace.Web.Features.Storefront;

/// <summary>The seller's photo page of one listing.</summary>
public static class GetListingPhotos
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Query(Guid ListingId) : IQuery<ListingPhotosPage>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, ListingPhotosPage>
    {
        public async ValueTask<ListingPhotosPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var listing = await db.ListingsOwnedBy(user).AsNoTracking().Where(l => l.Id == query.ListingId).Select(l => new { l.Id, l.Title })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Listing");
            var photos = await db.ListingPhotos.AsNoTracking().Where(p => p.ListingId == listing.Id).OrderBy(p => p.UploadedAt)
                .Select(p => new ListingPhotoRow(p.Id, p.FileName, p.AltText, p.Width, p.Height)).ToListAsync(cancellationToken);
            return new ListingPhotosPage(listing.Id, listing.Title, photos);
        }
    }
}

public sealed record ListingPhotosPage(Guid ListingId, string Title, IReadOnlyList<ListingPhotoRow> Photos)
{
    public int Remaining => Math.Max(0, Domain.Storefront.ListingPhoto.MaxPerListing - Photos.Count);
}
