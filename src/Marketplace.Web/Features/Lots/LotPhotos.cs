using System.Globalization;
using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

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

/// <summary>A checked upload: its real type, upright size and a JPEG thumbnail.</summary>
public sealed record ProcessedPhoto(string ContentType, int Width, int Height, byte[] Thumbnail);

/// <summary>
/// Accepts only what the magic bytes say is JPEG, PNG or WebP and what SkiaSharp can fully decode, so a
/// renamed executable or a truncated file never reaches a buyer's browser. Thumbnails follow the
/// camera's EXIF orientation, as browsers do for the original.
/// </summary>
public static class LotPhotoImage
{
    public const int ThumbnailSide = 320;
    public const string ThumbnailContentType = "image/jpeg";
    private const int ThumbnailQuality = 80;

    // A 12 MP phone photo is well inside this; the cap stops a small file that claims huge dimensions from exhausting memory.
    private const long MaxPixels = 50_000_000;

    public static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    public static ProcessedPhoto Read(string fileName, byte[] content)
    {
        var contentType = Sniff(content) ?? throw new DomainException($"{fileName} is not a JPEG, PNG or WebP image.");
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data) ?? throw Unreadable(fileName);
        if (ContentType(codec.EncodedFormat) != contentType)
        {
            throw Unreadable(fileName);
        }

        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if ((long)width * height > MaxPixels)
        {
            throw new DomainException(string.Create(CultureInfo.InvariantCulture,
                $"{fileName} is {width:N0} × {height:N0} pixels; a photo can be at most {MaxPixels / 1_000_000} megapixels. Resize it, then upload it again."));
        }

        // JPEG and WebP decode straight to a smaller size, which is much faster than decoding a full 12 MP photo.
        var scale = Math.Min(1f, (float)ThumbnailSide / Math.Max(width, height));
        var decoded = codec.GetScaledDimensions(scale);
        if (Math.Max(decoded.Width, decoded.Height) < Math.Min(ThumbnailSide, Math.Max(width, height)))
        {
            decoded = codec.Info.Size;
        }

        var info = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            throw Unreadable(fileName);
        }

        var origin = codec.EncodedOrigin;
        var sideways = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = sideways ? (height, width) : (width, height);
        return new ProcessedPhoto(contentType, uprightWidth, uprightHeight, Thumbnail(bitmap, origin, sideways, uprightWidth, uprightHeight));
    }

    private static byte[] Thumbnail(SKBitmap bitmap, SKEncodedOrigin origin, bool sideways, int uprightWidth, int uprightHeight)
    {
        var scale = Math.Min(1d, (double)ThumbnailSide / Math.Max(uprightWidth, uprightHeight));
        var width = Math.Clamp((int)Math.Round(uprightWidth * scale), 1, ThumbnailSide);
        var height = Math.Clamp((int)Math.Round(uprightHeight * scale), 1, ThumbnailSide);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White); // JPEG has no transparency: a transparent PNG gets a white background
        var (decodedUprightWidth, decodedUprightHeight) = sideways ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        canvas.Scale((float)width / decodedUprightWidth, (float)height / decodedUprightHeight);
        canvas.Concat(Upright(origin, bitmap.Width, bitmap.Height));
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, ThumbnailQuality);
        return jpeg.ToArray();
    }

    /// <summary>Maps pixels stored in the camera's orientation (w × h) to the upright picture (EXIF orientations 1–8).</summary>
    private static SKMatrix Upright(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    private static string? ContentType(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "image/jpeg",
        SKEncodedImageFormat.Png => "image/png",
        SKEncodedImageFormat.Webp => "image/webp",
        _ => null,
    };

    private static DomainException Unreadable(string fileName) =>
        new($"{fileName} could not be read as an image; it may be damaged or incomplete. Open it, save it again as JPEG or PNG, and upload it again.");
}
