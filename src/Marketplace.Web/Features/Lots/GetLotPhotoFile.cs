using System.Globalization;
using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Images;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

public static class GetLotPhotoFile
{
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query(Guid LotId, Guid PhotoId, bool Thumbnail) : IQuery<PhotoFile>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, PhotoFile>
    {
        public async ValueTask<PhotoFile> Handle(Query query, CancellationToken cancellationToken)
        {
            await db.ViewableLotAsync(user, query.LotId, cancellationToken);
            var photos = db.LotPhotos.Where(p => p.Id == query.PhotoId && p.LotId == query.LotId);
            var file = query.Thumbnail
                ? await photos.Select(p => new PhotoFile(LotPhotoImage.ThumbnailContentType, p.Thumbnail)).SingleOrDefaultAsync(cancellationToken)
                : await photos.Select(p => new PhotoFile(p.ContentType, p.Content)).SingleOrDefaultAsync(cancellationToken);
            return file ?? throw new NotFoundException("Photo");
        }
    }
}
