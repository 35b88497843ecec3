namespace Marketplace.Web.Domain.Storefront;

/// <summary>
/// A photo the school attached to its return request (the damage, the error on screen), seen by the school, the seller and
/// the platform's admin who may decide the request; the thumbnail is made at upload.
/// </summary>
public sealed class ReturnPhoto
{
    /// <summary>The same limit as a lot or listing photo.</summary>
    public const long MaxBytes = Lots.LotPhoto.MaxBytes;

    public const int MaxPerRequest = 6;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ReturnRequestId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }
    public required byte[] Thumbnail { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public DateTimeOffset UploadedAt { get; init; }

    /// <summary>
    /// Where the photo came among those sent with the request (0 first): the order they are shown in. The photos of one
    /// request share their upload time, and ids made in the same millisecond are not ordered.
    /// </summary>
    public int Position { get; init; }
}
