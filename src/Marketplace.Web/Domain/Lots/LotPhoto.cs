namespace Marketplace.Web.Domain.Lots;

/// <summary>A photo of the lot (pallet, condition samples) shown to buyers; the thumbnail is made at upload.</summary>
public sealed class LotPhoto
{
    public const long MaxBytes = 8 * 1024 * 1024;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }
    public required byte[] Thumbnail { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
}
