namespace Marketplace.Web.Domain.Storefront;

/// <summary>A photo of a listing's device, with the words a screen reader says for it; the thumbnail is made at upload.</summary>
public sealed class ListingPhoto
{
    /// <summary>The same limit as a lot photo: one phone photo, with room to spare.</summary>
    public const long MaxBytes = Lots.LotPhoto.MaxBytes;
    public const int MaxPerListing = 8;
    public const int MaxAltTextLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ListingId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }
    public required byte[] Thumbnail { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public required string AltText { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
}
