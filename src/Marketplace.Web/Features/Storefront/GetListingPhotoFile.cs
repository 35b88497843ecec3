using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure.Images;

namespace Marketplace.Web.Features.Storefront;

/// <summary>A listing's photo or thumbnail: public while the listing is on sale, and always to its seller.</summary>
public static class GetListingPhotoFile
{
    [AllowedRoles(Anonymous = true)]
    public sealed record Query(Guid ListingId, Guid PhotoId, bool Thumbnail) : IQuery<PhotoFile>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, PhotoFile>
    {
        public async ValueTask<PhotoFile> Handle(Query query, CancellationToken cancellationToken)
        {
            var ownOrganization = user.IsAuthenticated ? user.OrganizationId : Guid.Empty;
            var photos = db.ListingPhotos.Where(p => p.Id == query.PhotoId && p.ListingId == query.ListingId
                                                     && db.Listings.Any(l => l.Id == p.ListingId && (l.IsActive || l.SellerId == ownOrganization)));
            var file = query.Thumbnail
                ? await photos.Select(p => new PhotoFile(LotPhotoImage.ThumbnailContentType, p.Thumbnail)).SingleOrDefaultAsync(cancellationToken)
                : await photos.Select(p => new PhotoFile(p.ContentType, p.Content)).SingleOrDefaultAsync(cancellationToken);
            return file ?? throw new NotFoundException("Photo");
        }
    }
}
