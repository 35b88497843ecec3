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

    /// <summary>At most this many windows in one proposal, and open at once: a buyer offers a few, not a calendar.</summary>
    public const int MaxWindowsProposedAtOnce = 5, MaxOpenWindows = 10;

    /// <summary>The reminder goes out the day before the pickup at this time (UTC): morning of that day in every US time zone.</summary>
    public static readonly TimeOnly ReminderTimeUtc = new(15, 0);

    private readonly List<PickupWindowProposal> _windows = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid DistrictId { get; init; }
    public Guid BuyerId { get; init; }

    /// <summary>The manifest was frozen at listing; this is its size, so progress needs no count over the devices.</summary>
    public int DeviceCount { get; init; }
    public DateTimeOffset ReleasedAt { get; init; }

    /// <summary>The last day of the removal window: <see cref="RemovalBusinessDays"/> business days after payment.</summary>
    public DateOnly RemovalDueOn { get; init; }

    /// <summary>The windows the buyer proposed, open and decided.</summary>
    public IReadOnlyList<PickupWindowProposal> Windows => _windows;

    // The confirmed pickup (PickupDate set means the pickup is scheduled).
    public DateOnly? PickupDate { get; private set; }

    /// <summary>The confirmed window's time range ("10:00 am–12:00 pm"), local time at the dock.</summary>
    public string? PickupWindow { get; private set; }
    public string? PickupContact { get; private set; }
    public string? PickupDock { get; private set; }

    /// <summary>Boxes or pallets the district expects to hand over, so the buyer sends the right vehicle.</summary>
    public int? ExpectedPackages { get; private set; }
    public string? PickupInstructions { get; private set; }
    public DateTimeOffset? PickupConfirmedAt { get; private set; }

    /// <summary>Counts confirmations: a reminder queued for an earlier one finds a newer number and stays silent.</summary>
    public int PickupRevision { get; private set; }

    /// <summary>Why the district asked for other windows, until the buyer proposes new ones.</summary>
    public string? OtherWindowsRequest { get; private set; }
    public DateTimeOffset? OtherWindowsRequestedAt { get; private set; }

    // The hand-over.
    public DateTimeOffset? PickedUpAt { get; private set; }

    /// <summary>The district's person who released the devices.</summary>
    public string? ReleasedBy { get; private set; }

    /// <summary>The buyer's driver or technician who took them.</summary>
    public string? CollectedBy { get; private set; }
    public string? SealNumbers { get; private set; }
    public int? HandedOverPackages { get; private set; }
    public Guid? HandOverRecordedBy { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }

    /// <summary>Serials of the manifest not scanned at receiving: reported missing, so there is nothing of theirs to sanitize.</summary>
    public int MissingCount { get; private set; }

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

    /// <summary>The serials the certificate covers: the manifest less the serials reported missing at receiving.</summary>
    public int DevicesToSanitize => DeviceCount - MissingCount;

    /// <summary>Not handed over by the end of the removal window's last day.</summary>
    public bool IsRemovalOverdue(DateOnly today) => IsOverdue(RemovalDueOn, PickedUpAt, today);

    public static bool IsOverdue(DateOnly removalDueOn, DateTimeOffset? pickedUpAt, DateOnly today) => pickedUpAt is null && today > removalDueOn;

    /// <summary>The last day to collect a lot paid at <paramref name="paidAt"/>.</summary>
    public static DateOnly RemovalDeadline(DateTimeOffset paidAt) =>
        DateOnly.FromDateTime(BusinessCalendar.AddBusinessDays(paidAt, RemovalBusinessDays).UtcDateTime);

    public static LotFulfillment Start(Guid lotId, Guid districtId, Guid buyerId, int deviceCount, DateTimeOffset paidAt) => new()
    {
        LotId = lotId,
        DistrictId = districtId,
        BuyerId = buyerId,
        DeviceCount = deviceCount,
        ReleasedAt = paidAt,
        RemovalDueOn = RemovalDeadline(paidAt),
    };

    /// <summary>The buyer offers windows to collect the lot; the district confirms one of them (or asks for others).</summary>
    public IReadOnlyList<PickupWindowProposal> ProposeWindows(IReadOnlyList<ProposedWindow> windows, Guid userId, string proposedBy, DateTimeOffset now)
    {
        Require(PickedUpAt is null, "The lot has already been picked up.");
        Require(windows.Count > 0, "Propose at least one pickup window: a day and a time range.");
        Require(windows.Count <= MaxWindowsProposedAtOnce, $"Propose at most {MaxWindowsProposedAtOnce} windows at a time.");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var open = _windows.Where(w => w.IsOpen).ToList();
        Require(open.Count + windows.Count <= MaxOpenWindows,
            $"{open.Count} windows already wait for the district; at most {MaxOpenWindows} may be open at once.");
        var added = new List<PickupWindowProposal>();
        foreach (var window in windows)
        {
            Require(window.Date >= today, $"The pickup window on {window.Date:yyyy-MM-dd} is in the past.");
            // A truck is booked weeks ahead, not years: a far date is a typo (9999-12-31) that would park the lot forever.
            Require(window.Date <= today.AddYears(1), $"The pickup date {window.Date:yyyy-MM-dd} is more than a year ahead; choose a day within the next year.");
            Require(window.Ends > window.Starts, $"The window on {window.Date:yyyy-MM-dd} ends before it starts ({PickupWindowProposal.Range(window.Starts, window.Ends)}).");
            Require(!open.Concat(added).Any(w => w.Date == window.Date && w.Starts == window.Starts && w.Ends == window.Ends),
                $"The window on {window.Date:yyyy-MM-dd}, {PickupWindowProposal.Range(window.Starts, window.Ends)}, is already proposed.");
            added.Add(new PickupWindowProposal
            {
                FulfillmentId = Id,
                Date = window.Date,
                Starts = window.Starts,
                Ends = window.Ends,
                Status = PickupWindowStatus.Proposed,
                ProposedAt = now,
                ProposedByUserId = userId,
                ProposedBy = proposedBy.Trim(),
            });
        }

        _windows.AddRange(added);
        OtherWindowsRequest = null;
        OtherWindowsRequestedAt = null;
        return added;
    }

    /// <summary>
    /// The district books one of the proposed windows, with where and how the devices are handed over. Confirming another
    /// window later moves the pickup: the revision changes, so a reminder queued for the old date stays silent.
    /// </summary>
    public PickupWindowProposal ConfirmWindow(Guid windowId, PickupArrangements arrangements, DateTimeOffset now)
    {
        Require(PickedUpAt is null, "The lot has already been picked up.");
        var window = _windows.SingleOrDefault(w => w.Id == windowId) ?? throw new DomainException("That pickup window is not one the buyer proposed for this lot.");
        Require(window.IsOpen, window.Status == PickupWindowStatus.Confirmed
            ? "That window is already the confirmed pickup."
            : "That window is no longer open; confirm one of the open windows, or ask the buyer for other windows.");
        Require(window.Date >= DateOnly.FromDateTime(now.UtcDateTime), "That window has passed; ask the buyer for other windows.");
        Require(!string.IsNullOrWhiteSpace(arrangements.Dock), "Say where the driver loads: the dock, door or room.");
        Require(!string.IsNullOrWhiteSpace(arrangements.Contact), "Name who meets the driver and how to reach them.");
        Require(arrangements.Packages is >= 1 and <= 10_000, "Say how many boxes or pallets will be handed over (1 or more).");

        foreach (var other in _windows)
        {
            if (other.Status == PickupWindowStatus.Confirmed)
            {
                other.Status = PickupWindowStatus.Moved;
                other.DecidedAt = now;
            }
            else if (other.IsOpen && other.Id != window.Id)
            {
                other.Status = PickupWindowStatus.NotChosen;
                other.DecidedAt = now;
            }
        }

        window.Status = PickupWindowStatus.Confirmed;
        window.DecidedAt = now;
        PickupDate = window.Date;
        PickupWindow = window.TimeRange;
        PickupDock = arrangements.Dock.Trim();
        PickupContact = arrangements.Contact.Trim();
        ExpectedPackages = arrangements.Packages;
        PickupInstructions = string.IsNullOrWhiteSpace(arrangements.Instructions) ? null : arrangements.Instructions.Trim();
        PickupConfirmedAt = now;
        PickupRevision++;
        OtherWindowsRequest = null;
        OtherWindowsRequestedAt = null;
        return window;
    }

    /// <summary>
    /// The district can make none of the open windows: they are declined and the buyer is asked for others. A confirmed pickup
    /// stays booked until another window is confirmed.
    /// </summary>
    public IReadOnlyList<PickupWindowProposal> AskForOtherWindows(string? note, DateTimeOffset now)
    {
        Require(PickedUpAt is null, "The lot has already been picked up.");
        var open = _windows.Where(w => w.IsOpen).ToList();
        Require(open.Count > 0 || IsPickupScheduled, "The buyer has not proposed any pickup window yet.");
        foreach (var window in open)
        {
            window.Status = PickupWindowStatus.Declined;
            window.DecidedAt = now;
        }

        OtherWindowsRequest = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        OtherWindowsRequestedAt = now;
        return open;
    }

    /// <summary>When the reminder for the confirmed pickup goes out, or null when that moment has passed (or nothing is booked).</summary>
    public DateTimeOffset? ReminderDueAt(DateTimeOffset now) =>
        PickupDate is { } date && new DateTimeOffset(date.AddDays(-1).ToDateTime(ReminderTimeUtc), TimeSpan.Zero) is var at && at > now ? at : null;

    /// <summary>Still the pickup the reminder was queued for, and not collected yet.</summary>
    public bool IsReminderCurrent(int revision) => PickedUpAt is null && PickupRevision == revision && IsPickupScheduled;

    /// <summary>
    /// Whether scans of the stage are taken now: hand-over scans until the lot leaves, receiving scans from then until the
    /// buyer finishes receiving (the reconciliation is made from them, so they cannot change afterwards).
    /// </summary>
    public bool AcceptsScans(ScanStage stage) => stage switch
    {
        ScanStage.HandOver => PickedUpAt is null,
        _ => PickedUpAt is not null && ReceivedAt is null,
    };

    public void EnsureAcceptsScans(ScanStage stage) =>
        Require(AcceptsScans(stage), stage == ScanStage.HandOver
            ? "The lot has already been handed over; its hand-over scans are closed."
            : ReceivedAt is null ? "Receiving scans start once the lot is handed over." : "Receiving is finished and reconciled; its scans are closed.");

    /// <summary>
    /// A scan of the stage, of the device it matched (or of an unknown value when <paramref name="deviceId"/> is null). At
    /// receiving it may carry the grade and model the device arrived in (null: as declared).
    /// </summary>
    public DeviceScan RecordScan(ScanStage stage, ScannedLabel label, Guid? deviceId, string? box, CustodyActor actor, DateTimeOffset now, ReceivedCondition? condition = null)
    {
        EnsureAcceptsScans(stage);
        var boxNumber = string.IsNullOrWhiteSpace(box) ? null : box.Trim();
        Require(boxNumber is null || boxNumber.Length <= DeviceScan.MaxBoxLength, $"A box number has at most {DeviceScan.MaxBoxLength} characters.");
        var model = string.IsNullOrWhiteSpace(condition?.Model) ? null : condition.Model.Trim();
        Require(stage == ScanStage.Receiving || (condition?.Grade is null && model is null), "The grade and model as received are recorded at receiving, not at the hand-over.");
        Require(model is null || model.Length <= ReconciliationLine.MaxModelLength, $"A model name has at most {ReconciliationLine.MaxModelLength} characters.");
        return new DeviceScan
        {
            LotId = LotId,
            Stage = stage,
            DeviceId = deviceId,
            RawValue = label.Raw,
            Value = label.Value,
            Box = boxNumber,
            ScannedAt = now,
            ScannedByUserId = actor.UserId,
            ScannedBy = actor.Name,
            OrganizationId = actor.OrganizationId,
            Grade = condition?.Grade,
            ReceivedModel = model,
        };
    }

    /// <summary>Why a lot with enrolled devices cannot be handed over, naming how many.</summary>
    public static string StillEnrolledMessage(int count) =>
        $"{count:N0} device{(count == 1 ? " is" : "s are")} still enrolled in device management. Confirm each was deprovisioned as retiring " +
        "(no account or cloud-service link left) before the hand-over.";

    /// <summary>
    /// The devices leave the district's dock: who released them, who took them, the seals and how many boxes or pallets. Refused
    /// while any device is still enrolled in management (R2v3 Appendix B: no account or cloud-service link may remain).
    /// </summary>
    public void RecordHandOver(HandOverDetails details, int stillEnrolled, Guid recordedBy, DateTimeOffset now)
    {
        Require(PickedUpAt is null, "The lot has already been picked up.");
        Require(IsPickupScheduled, "Confirm a pickup window before the hand-over.");
        Require(stillEnrolled == 0, StillEnrolledMessage(stillEnrolled));
        Require(!string.IsNullOrWhiteSpace(details.ReleasedBy), "Name the district's person who released the devices.");
        Require(!string.IsNullOrWhiteSpace(details.CollectedBy), "Name the driver or technician who took the devices.");
        Require(details.Packages is >= 1 and <= 10_000, "Count the boxes or pallets handed over (1 or more).");
        PickedUpAt = now;
        ReleasedBy = details.ReleasedBy.Trim();
        CollectedBy = details.CollectedBy.Trim();
        SealNumbers = string.IsNullOrWhiteSpace(details.SealNumbers) ? null : details.SealNumbers.Trim();
        HandedOverPackages = details.Packages;
        HandOverRecordedBy = recordedBy;
    }

    /// <summary>
    /// The buyer finishes receiving: the devices scanned are in its custody, the rest are reported missing. Refused before any
    /// device is scanned, so a click cannot report a whole lot missing.
    /// </summary>
    public void MarkReceived(int scannedDevices, DateTimeOffset now)
    {
        Require(ReceivedAt is null, "The lot has already been received.");
        Require(PickedUpAt is not null, "Only a lot in transit can be received: record the hand-over first.");
        Require(scannedDevices > 0, "Scan the devices in (or upload the list of serials received) before finishing receiving: none is recorded yet.");
        Require(scannedDevices <= DeviceCount, "More devices are scanned than the lot holds.");
        ReceivedAt = now;
        MissingCount = DeviceCount - scannedDevices;
    }

    /// <summary>Every serial has its media recorded and every medium is accepted: time to draw the quality-control sample.</summary>
    public bool NeedsQualitySample => SanitizedCount >= DevicesToSanitize && MediaRecorded > 0 && MediaAccepted == MediaRecorded && QualitySampleSize == 0;

    /// <summary>What the certificate needs: every medium of every serial accepted and the whole quality-control sample passed.</summary>
    public bool IsSanitizationComplete => SanitizedCount >= DevicesToSanitize && MediaRecorded > 0 && MediaAccepted == MediaRecorded
                                          && QualitySampleSize > 0 && QualityChecksPassed == QualitySampleSize;

    public void EnsureAcceptsSanitization() =>
        Require(AcceptsSanitization, CertifiedAt is null ? "Sanitization is recorded after the lot is received." : "The lot is certified; its sanitization records are closed.");

    /// <summary>
    /// Records one medium of a device, or a repeat attempt on it (<paramref name="existing"/>). A new medium bumps the
    /// lot's media count, and the device's first medium its serial count; a repeat of an accepted medium is refused.
    /// </summary>
    public SanitizationRecord RecordSanitization(Device device, SanitizationRecord? existing, bool deviceHasMedia, MediumReport report, Guid userId, DateTimeOffset now)
    {
        EnsureAcceptsSanitization();
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

/// <summary>How the district hands a confirmed pickup over: where the driver loads, who meets them, how much there is.</summary>
public sealed record PickupArrangements(string Dock, string Contact, int Packages, string? Instructions);

/// <summary>What both sides sign for at the dock.</summary>
public sealed record HandOverDetails(string ReleasedBy, string CollectedBy, string? SealNumbers, int Packages);
