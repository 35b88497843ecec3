using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <summary>
/// Reads what an uploaded organization document really is from its content, never from its name or the browser's
/// content type: a PDF (its header, and the end-of-file marker a complete one carries), or a PNG or JPEG image that
/// decodes. Anything else, a renamed spreadsheet or a truncated scan, is refused with the reason.
/// </summary>
public static class UploadedDocument
{
    public const string Pdf = "application/pdf";

    // A complete PDF ends with %%EOF (perhaps followed by a line break or a little padding).
    private const int EndMarkerWindow = 1024;

    // A scanned page at 600 dpi is far inside this; the cap stops a small file that claims huge dimensions.
    private const long MaxPixels = 100_000_000;

    public static Domain.Organizations.DocumentFile Read(string fileName, byte[] content)
    {
        var name = Path.GetFileName(fileName.Trim()) is { Length: > 0 } n ? new string(n.Select(c => char.IsControl(c) ? '_' : c).ToArray()).Truncate(255) : "document";
        if (content.Length == 0)
        {
            throw new DomainException($"File: {name} is empty.");
        }

        var span = content.AsSpan();
        if (span.StartsWith("%PDF-"u8))
        {
            var tail = span[Math.Max(0, span.Length - EndMarkerWindow)..];
            return tail.IndexOf("%%EOF"u8) >= 0
                ? new(name, Pdf, content)
                : throw new DomainException($"File: {name} starts like a PDF but is incomplete (it has no end). Save or scan it again as PDF and upload it again.");
        }

        var image = span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? ("image/jpeg", SKEncodedImageFormat.Jpeg)
            : span.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? ("image/png", SKEncodedImageFormat.Png)
            : ((string ContentType, SKEncodedImageFormat Format)?)null;
        if (image is not { } kind)
        {
            throw new DomainException($"File: {name} is not a PDF, PNG or JPEG file, whatever its name says. Scan or save the document as PDF (or a PNG or JPEG picture) and upload it again.");
        }

        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != kind.Format || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            throw new DomainException($"File: {name} could not be read as a {(kind.Format == SKEncodedImageFormat.Png ? "PNG" : "JPEG")} picture; it may be damaged or incomplete. Scan it again, or save it as PDF, and upload it again.");
        }

        return new(name, kind.ContentType, content);
    }
}
