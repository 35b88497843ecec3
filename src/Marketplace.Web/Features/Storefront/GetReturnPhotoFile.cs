using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure.Images;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// A photo attached to a return request, or its thumbnail: for the school that asked, the seller that answers and the
/// platform's admin who decides for a silent seller. Finance reads returns for their money, not their photos, so it is not
/// among the roles; any other organization gets "not found", never a hint that the return exists.
/// </summary>
public static class GetReturnPhotoFile
{
    [AllowedRoles(Roles.SchoolStaff, Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.Admin)]
    public sealed record Query(Guid ReturnId, Guid PhotoId, bool Thumbnail) : IQuery<PhotoFile>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, PhotoFile>
    {
        public async ValueTask<PhotoFile> Handle(Query query, CancellationToken cancellationToken)
        {
            var returns = db.ReturnsVisibleTo(user).Where(r => r.Id == query.ReturnId);
            var photos = db.ReturnPhotos.Where(p => p.Id == query.PhotoId && returns.Any(r => r.Id == p.ReturnRequestId));
            var file = query.Thumbnail
                ? await photos.Select(p => new PhotoFile(LotPhotoImage.ThumbnailContentType, p.Thumbnail)).SingleOrDefaultAsync(cancellationToken)
                : await photos.Select(p => new PhotoFile(p.ContentType, p.Content)).SingleOrDefaultAsync(cancellationToken);
            return file ?? throw new NotFoundException("Photo");
        }
    }
}
