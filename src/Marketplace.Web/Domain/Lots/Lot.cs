using Marketplace.Web.Domain.Sales;

namespace Marketplace.Web.Domain.Lots;

/// <summary>The lot's own state: its manifest can change only as a draft; a listed lot is on sale (see <see cref="Sale"/>).</summary>
public enum ListingStatus { Draft, Listed, Withdrawn }

/// <summary>
/// A district's lot of surplus devices: the manifest (its <see cref="Device"/> rows, which reference the lot
/// and are never loaded through it) and the listing rules (E-rate, federal share, board approval). What
/// happens after listing belongs to other aggregates: <see cref="Sale"/>, the lot's fulfillment and
/// sanitization records, and its settlement; the stage a person sees is derived from them (<see cref="LotProgress"/>).
/// </summary>
public sealed class Lot : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public Guid DistrictId { get; init; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? PickupAddress { get; set; }

    /// <summary>The school board's approval of the disposal (minute or resolution number).</summary>
    public string? BoardApprovalReference { get; set; }
    public string Currency { get; init; } = "USD";
    public ListingStatus Status { get; private set; } = ListingStatus.Draft;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ListedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    /// <summary>Counts and the instant estimate of the manifest, recomputed whenever the manifest changes.</summary>
    public ManifestSummary Manifest { get; private set; } = new();

    public int Version { get; set; }

    public bool IsDraft => Status == ListingStatus.Draft;

    /// <summary>Bulk changes (imports, bulk edits) are only for drafts: a listed lot's manifest is what buyers quoted on.</summary>
    public void EnsureDraft(string action) => Require(IsDraft, $"{action} is only possible while the lot is a draft; this lot is {Status.ToString().ToLowerInvariant()}.");

    /// <summary>
    /// A new device for this draft's manifest. Whether the serial is already in the lot (or in another
    /// open lot of the district) is a question for the database, asked by the caller.
    /// </summary>
    public Device NewDevice(string serial, string? assetTag, DeviceCategory category, string? manufacturer, string model,
        CosmeticGrade grade, FunctionalStatus functional)
    {
        Require(IsDraft, "Devices can only be added while the lot is a draft.");
        serial = SerialNumber.Parse(serial);
        return new Device
        {
            LotId = Id,
            Serial = serial,
            AssetTag = string.IsNullOrWhiteSpace(assetTag) ? null : assetTag.Trim(),
            Category = category,
            Manufacturer = string.IsNullOrWhiteSpace(manufacturer) ? null : manufacturer.Trim(),
            Model = model.Trim(),
            Grade = grade,
            Functional = functional,
        };
    }

    /// <summary>Lists the lot for sale. The E-rate rule is checked against the manifest as it is now, not against the stored summary.</summary>
    public Sale Submit(SubmissionCheck check, DateTimeOffset now) => Submit(check, SaleTerms.RequestForQuotes, now);

    /// <summary>Lists the lot in the mode and on the terms the district chose.</summary>
    public Sale Submit(SubmissionCheck check, SaleTerms terms, DateTimeOffset now)
    {
        Require(IsDraft, $"Only a draft lot can be submitted; this lot is {Status.ToString().ToLowerInvariant()}.");
        Require(check.Devices > 0, "Add at least one device before submitting the lot.");
        Require(check.ERateRestrictedCount == 0,
            $"E-rate-funded devices cannot be sold until five years after purchase (or with no purchase date on record). Remove or correct: {Serials(check.ERateRestrictedSerials, check.ERateRestrictedCount)}.");
        Status = ListingStatus.Listed;
        ListedAt = now;
        return Sale.Open(this, check.HoldsDataBearingDevices, terms, now);
    }

    /// <summary>Takes the lot off the market while it has no buyer; the sale, if any, is cancelled and its open quotes declined.</summary>
    public void Withdraw(Sale? sale, DateTimeOffset now)
    {
        Require(Status != ListingStatus.Withdrawn, "This lot is already withdrawn.");
        Require(sale is null || sale.MayBeWithdrawn, "A lot can only be withdrawn before it is awarded.");
        sale?.Cancel(now);
        Status = ListingStatus.Withdrawn;
        WithdrawnAt = now;
    }

    public void Revalue(ManifestSummary summary) => Manifest = summary;

    private static string Serials(IReadOnlyList<string> serials, int total) =>
        total <= serials.Count ? string.Join(", ", serials) : $"{string.Join(", ", serials)} and {total - serials.Count} more";

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}

/// <summary>What submission needs to know about the manifest, read by queries rather than by loading every device.</summary>
public sealed record SubmissionCheck(int Devices, bool HoldsDataBearingDevices, int ERateRestrictedCount, IReadOnlyList<string> ERateRestrictedSerials);
