using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Domain.Fulfillment;

/// <summary>
/// Getting a paid lot from the district's dock to the buyer's facility and through sanitization to the
/// certificate: pickup, hand-over, receiving and the running count of sanitized serials. Started when the
/// buyer pays. Its own version token, so pickup changes never conflict with sales or district edits.
/// </summary>
public sealed class LotFulfillment : IVersioned
{
    /// <summary>The district's removal window: the buyer collects the lot within this many business days after paying.</summary>
    public const int RemovalBusinessDays = 10;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid DistrictId { get; init; }
    public Guid BuyerId { get; init; }

    /// <summary>The manifest was frozen at listing; this is its size, so progress needs no count over the devices.</summary>
    public int DeviceCount { get; init; }
    public DateTimeOffset ReleasedAt { get; init; }
    public DateOnly? PickupDate { get; private set; }
    public string? PickupWindow { get; private set; }
    public string? PickupContact { get; private set; }
    public DateTimeOffset? PickedUpAt { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }

    /// <summary>
    /// Serials with a sanitization record. Stored by an atomic increment in the same transaction as each
    /// record rather than through this object's version, so concurrent scans neither conflict nor lose a count.
    /// </summary>
    public int SanitizedCount { get; private set; }
    public DateTimeOffset? CertifiedAt { get; private set; }
    public int Version { get; set; }

    public bool IsPickupScheduled => PickupDate is not null;

    public bool AcceptsSanitization => ReceivedAt is not null && CertifiedAt is null;

    public static LotFulfillment Start(Guid lotId, Guid districtId, Guid buyerId, int deviceCount, DateTimeOffset paidAt) => new()
    {
        LotId = lotId,
        DistrictId = districtId,
        BuyerId = buyerId,
        DeviceCount = deviceCount,
        ReleasedAt = paidAt,
    };

    public void SchedulePickup(DateOnly date, string window, string contact, DateOnly today)
    {
        Require(PickedUpAt is null, "The lot has already been picked up.");
        Require(date >= today, "The pickup date cannot be in the past.");
        // A truck is booked weeks ahead, not years: a far date is a typo (9999-12-31) that would park the lot forever.
        Require(date <= today.AddYears(1), $"The pickup date {date:yyyy-MM-dd} is more than a year ahead; choose a day within the next year.");
        PickupDate = date;
        PickupWindow = window.Trim();
        PickupContact = contact.Trim();
    }

    public void MarkPickedUp(DateTimeOffset now)
    {
        Require(PickedUpAt is null, "The lot has already been picked up.");
        Require(IsPickupScheduled, "Only a lot with a scheduled pickup can be picked up.");
        PickedUpAt = now;
    }

    public void MarkReceived(DateTimeOffset now)
    {
        Require(ReceivedAt is null, "The lot has already been received.");
        Require(PickedUpAt is not null, "Only a lot in transit can be received: mark it picked up first.");
        ReceivedAt = now;
    }

    /// <summary>
    /// The record of one serial's sanitization. <paramref name="attempt"/> counts the device's records, this one included:
    /// a repeat (the medium was sanitized again) adds its own record, and the certificate shows the latest, but the serial
    /// counts once towards the lot.
    /// </summary>
    public SanitizationRecord RecordSanitization(Device device, int attempt, SanitizationMethod method, string tool, string technician, Guid userId, DateTimeOffset now)
    {
        Require(AcceptsSanitization, "Sanitization is recorded after the lot is received.");
        Require(device.LotId == LotId, $"Serial {device.Serial} is not in this lot.");
        Require(!string.IsNullOrWhiteSpace(tool), "Name the tool or process used.");
        Require(!string.IsNullOrWhiteSpace(technician), "Name the technician who verified the sanitization.");
        Require(attempt >= 1, "An attempt is counted from 1.");
        if (attempt == 1)
        {
            SanitizedCount++;
        }

        return new SanitizationRecord
        {
            LotId = LotId,
            DeviceId = device.Id,
            Attempt = attempt,
            Method = method,
            Tool = tool.Trim(),
            Technician = technician.Trim(),
            RecordedByUserId = userId,
            RecordedAt = now,
        };
    }

    public void Certify(DateTimeOffset now)
    {
        Require(ReceivedAt is not null && CertifiedAt is null, "Only a received lot can be certified.");
        Require(SanitizedCount >= DeviceCount, "Every serial needs a sanitization record before the certificate is issued.");
        CertifiedAt = now;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}
