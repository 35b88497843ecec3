using System.Globalization;

namespace Marketplace.Web.Infrastructure.Images;

/// <summary>
/// A photo as the browser sent it: the name it gave and the bytes. Lot, listing and return photos share its checks, so a
/// photo refused in one place is refused in the others with the same words.
/// </summary>
public sealed record PhotoUpload(string FileName, byte[] Content)
{
    public const long MaxBytes = Domain.Lots.LotPhoto.MaxBytes;

    /// <summary>The name without any folder a browser may send (some send a Windows path whatever the server runs on), as stored and shown.</summary>
    public string StoredFileName => NameOf(FileName);

    private ProcessedPhoto? _read;

    /// <summary>
    /// Checks the content (<see cref="LotPhotoImage.Read"/>): its real type, size and thumbnail, or a refusal naming the file.
    /// Decoding is slow and depends on the bytes alone, so it is done once, and may be done before the command's transaction.
    /// </summary>
    public ProcessedPhoto Read() => _read ??= LotPhotoImage.Read(StoredFileName, Content);

    // Rounded up, so a file just over the limit never reads as "8.0 MB; at most 8 MB".
    public static string TooLarge(string fileName, long bytes) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{fileName} is {Math.Ceiling(bytes * 10d / 1024 / 1024) / 10:0.0} MB; a photo can be at most {MaxBytes / 1024 / 1024} MB. Resize it or export it at a lower quality, then upload it again.");

    /// <summary>
    /// Reads a posted file, refusing an empty one or one over <see cref="MaxBytes"/> before its bytes are copied (the request
    /// size limit of the action bounds what reaches here).
    /// </summary>
    public static async Task<PhotoUpload> FromFormAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            throw new DomainException(file is null ? "Choose a photo to upload." : $"{NameOf(file.FileName)} is empty.");
        }

        if (file.Length > MaxBytes)
        {
            throw new DomainException(TooLarge(NameOf(file.FileName), file.Length));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return new PhotoUpload(file.FileName, buffer.ToArray());
    }

    private static string NameOf(string fileName) => fileName.Trim().Split('/', '\\')[^1].Truncate(255);
}
