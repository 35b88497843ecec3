using System.Globalization;
using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Images;

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
