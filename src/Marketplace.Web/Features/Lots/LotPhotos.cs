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

public static class GetLotPhotos
{
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff)]
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
            return new LotPhotosView(query.LotId, lot.Number, photos, lot.IsOwner && lot.Progress.PhotosEditable);
        }
    }
}

public static class GetLotPhotoFile
{
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff)]
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

public static class UploadLotPhoto
{
    public const int MaxPhotosPerLot = 12;

    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid LotId, string FileName, byte[] Content) : ICommand<Guid>;

    // Rounded up, so a file just over the limit never reads as "8.0 MB; at most 8 MB".
    public static string TooLarge(string fileName, long bytes) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{fileName} is {Math.Ceiling(bytes * 10d / 1024 / 1024) / 10:0.0} MB; a photo can be at most {LotPhoto.MaxBytes / 1024 / 1024} MB. Resize it or export it at a lower quality, then upload it again.");

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).NotEmpty().WithMessage("Choose a photo to upload.");
            RuleFor(c => c.Content)
                .Must(content => content.Length > 0).WithMessage(c => $"{c.FileName} is empty.")
                .Must(content => content.LongLength <= LotPhoto.MaxBytes).WithMessage(c => TooLarge(c.FileName, c.Content.LongLength));
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadLotForPhotoChangeAsync(user, command.LotId, "added", cancellationToken);
            if (await db.LotPhotos.CountAsync(p => p.LotId == lot.Id, cancellationToken) >= MaxPhotosPerLot)
            {
                throw new DomainException($"This lot already has {MaxPhotosPerLot} photos, the most a lot can have. Delete one to add another.");
            }

            var fileName = Path.GetFileName(command.FileName.Trim()).Truncate(255);
            var image = LotPhotoImage.Read(fileName, command.Content);
            var photo = new LotPhoto
            {
                LotId = lot.Id,
                FileName = fileName,
                ContentType = image.ContentType,
                Content = command.Content,
                Thumbnail = image.Thumbnail,
                Width = image.Width,
                Height = image.Height,
                UploadedAt = clock.Now,
            };
            db.LotPhotos.Add(photo);
            return photo.Id;
        }
    }
}

public static class DeleteLotPhoto
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid LotId, Guid PhotoId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadLotForPhotoChangeAsync(user, command.LotId, "removed", cancellationToken);
            var photo = await db.LotPhotos.SingleOrDefaultAsync(p => p.Id == command.PhotoId && p.LotId == lot.Id, cancellationToken)
                        ?? throw new NotFoundException("Photo");
            db.LotPhotos.Remove(photo);
            return Unit.Value;
        }
    }
}
