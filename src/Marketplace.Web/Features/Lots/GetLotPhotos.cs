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

public static class GetLotPhotos
{
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query(Guid LotId) : IQuery<LotPhotosView>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, LotPhotosView>
    {
        public async ValueTask<LotPhotosView> Handle(Query query, CancellationToken cancellationToken)
        {
            var lot = await db.ViewableLotAsync(user, query.LotId, cancellationToken);
            var photos = await db.LotPhotos.Where(p => p.LotId == query.LotId)
                .OrderBy(p => p.UploadedAt).ThenBy(p => p.Id)
                .Select(p => new PhotoRow(p.Id, p.FileName, p.Width, p.Height, p.Content.Length, p.UploadedAt))
                .ToListAsync(cancellationToken);
            return new LotPhotosView(query.LotId, lot.Number, photos, lot.IsOwner && lot.Progress.PhotosEditable && user.May<UploadLotPhoto.Command>());
        }
    }
}
