namespace Marketplace.Web.Domain.Lots;

/// <summary>
/// How many devices of one lot share a category, manufacturer, model, grade and AUE date. Stored with the
/// <see cref="ManifestSummary"/> whenever the manifest is revalued, so the marketplace filters thousands of lots by what
/// they hold, and a lot page shows its model × grade counts and update runway, from a few rows per lot instead of
/// every device.
/// </summary>
public sealed class ManifestGroup
{
    public long Id { get; init; }
    public Guid LotId { get; init; }
    public DeviceCategory Category { get; init; }
    public string? Manufacturer { get; init; }
    public required string Model { get; init; }
    public CosmeticGrade Grade { get; init; }

    /// <summary>Auto Update Expiration of these devices (Chromebooks), when known.</summary>
    public DateOnly? AueDate { get; init; }
    public int Devices { get; init; }
}
