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

    // The counters below are stored by atomic increments in the same transaction as each record, validation or
    // quality check rather than through this object's version, so concurrent scans neither conflict nor lose a count,
    // and knowing whether the lot is done never needs a count over its media.

    /// <summary>Serials with at least one medium recorded (a device with no storage gets a "none" record).</summary>
    public int SanitizedCount { get; private set; }

    /// <summary>Media recorded in the lot, one per (device, medium serial) whatever the attempts.</summary>
    public int MediaRecorded { get; private set; }

    /// <summary>Media whose record a second person accepted (and that no failed quality check sent back).</summary>
    public int MediaAccepted { get; private set; }

    /// <summary>Size of the stored R2v3 quality-control sample; 0 until it is drawn.</summary>
    public int QualitySampleSize { get; private set; }
    public int QualityChecksPassed { get; private set; }
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

    /// <summary>Every serial has its media recorded and every medium is accepted: time to draw the quality-control sample.</summary>
    public bool NeedsQualitySample => SanitizedCount >= DeviceCount && MediaRecorded > 0 && MediaAccepted == MediaRecorded && QualitySampleSize == 0;

    /// <summary>What the certificate needs: every medium of every serial accepted and the whole quality-control sample passed.</summary>
    public bool IsSanitizationComplete => SanitizedCount >= DeviceCount && MediaRecorded > 0 && MediaAccepted == MediaRecorded
                                          && QualitySampleSize > 0 && QualityChecksPassed == QualitySampleSize;

    /// <summary>
    /// Records one medium of a device, or a repeat attempt on it (<paramref name="existing"/>). A new medium bumps the
    /// lot's media count, and the device's first medium its serial count; a repeat of an accepted medium is refused.
    /// </summary>
    public SanitizationRecord RecordSanitization(Device device, SanitizationRecord? existing, bool deviceHasMedia, MediumReport report, Guid userId, DateTimeOffset now)
    {
        Require(AcceptsSanitization, "Sanitization is recorded after the lot is received.");
        Require(device.LotId == LotId, $"Serial {device.Serial} is not in this lot.");
        if (existing is not null)
        {
            Require(existing.DeviceId == device.Id, "That record belongs to another device.");
            existing.Repeat(report, userId, now);
            return existing;
        }

        // The sample is drawn from the media known when every one was accepted; a medium found afterwards would have had
        // no chance of being sampled, so it is refused rather than slipped past quality control.
        Require(QualitySampleSize == 0, $"The quality-control sample of this lot is drawn; a new medium on serial {device.Serial} means the lot's media list changed — escalate to your supervisor.");
        var record = SanitizationRecord.First(LotId, device.Id, report, userId, now);
        MediaRecorded++;
        if (!deviceHasMedia)
        {
            SanitizedCount++;
        }

        return record;
    }

    // The in-memory side of the counters; handlers store the same change as an atomic increment.
    public void CountAccepted() => MediaAccepted++;

    public void CountSentBack() => MediaAccepted--;

    public void CountSampleDrawn(int size)
    {
        Require(QualitySampleSize == 0, "The quality-control sample of this lot is already drawn.");
        Require(NeedsQualitySample, "The quality-control sample is drawn once every medium of every serial is accepted.");
        QualitySampleSize = size;
    }

    public void CountCheckPassed() => QualityChecksPassed++;

    public void Certify(DateTimeOffset now)
    {
        Require(ReceivedAt is not null && CertifiedAt is null, "Only a received lot can be certified.");
        Require(IsSanitizationComplete, "Every medium of every serial needs an accepted record, and the quality-control sample must pass, before the certificate is issued.");
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
