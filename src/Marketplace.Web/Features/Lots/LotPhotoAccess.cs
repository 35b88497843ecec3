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

public sealed record PhotoRow(Guid Id, string FileName, int Width, int Height, long Bytes, DateTimeOffset UploadedAt);

/// <summary>What the _LotPhotos partial shows: the lot's photos, and the upload/delete controls when the viewer may edit.</summary>
public sealed record LotPhotosView(Guid LotId, string LotNumber, IReadOnlyList<PhotoRow> Photos, bool CanEdit)
{
    public int Remaining => Math.Max(0, UploadLotPhoto.MaxPhotosPerLot - Photos.Count);
}

public sealed record PhotoFile(string ContentType, byte[] Content);

/// <summary>Who sees a lot's photos: its district, its buyer, and any refurbisher while it is open for quotes (to judge condition before quoting).</summary>
internal static class LotPhotoAccess
{
    public sealed record ViewableLot(string Number, LotProgress Progress, bool IsOwner);

    public static async Task<ViewableLot> ViewableLotAsync(this MarketplaceDb db, ICurrentUser user, Guid lotId, CancellationToken cancellationToken)
    {
        var organizationId = user.RequireOrganization();
        var row = await db.LotsVisibleTo(user).AsNoTracking().Where(l => l.Id == lotId).WithProgress(db).SingleOrDefaultAsync(cancellationToken)
                  ?? throw new NotFoundException("Lot");
        return new ViewableLot(row.Lot.Number, row.Progress, row.Lot.DistrictId == organizationId);
    }

    public static async Task<Lot> LoadLotForPhotoChangeAsync(this MarketplaceDb db, ICurrentUser user, Guid lotId, string action, CancellationToken cancellationToken)
    {
        var lot = await db.LoadOwnLotAsync(lotId, user, cancellationToken);
        var progress = await db.ProgressOfAsync(lotId, cancellationToken);
        if (!progress.PhotosEditable)
        {
            throw new DomainException($"Photos can only be {action} while the lot is a draft or listed; this lot is {progress.Stage.Words().ToLowerInvariant()}.");
        }

        // Photos belong to the lot aggregate: bumping its version makes two uploads racing for the last
        // slot conflict instead of both succeeding.
        VersionInterceptor.Touch(db, lot);
        return lot;
    }
}
