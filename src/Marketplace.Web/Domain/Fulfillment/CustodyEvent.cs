namespace Marketplace.Web.Domain.Fulfillment;

/// <summary>Where along the chain a scan was made: at the district's dock, or at the buyer's facility.</summary>
public enum ScanStage { HandOver, Receiving }

public enum CustodyEventKind
{
    /// <summary>The district confirmed the device was deprovisioned (retired) with no account or cloud-service link left.</summary>
    DeprovisioningConfirmed,

    /// <summary>The device's (or an unknown) label was scanned; <see cref="CustodyEvent.Stage"/> says where.</summary>
    Scanned,

    /// <summary>A mistaken scan was taken back.</summary>
    ScanRemoved,

    /// <summary>The district released the lot to the buyer's driver.</summary>
    HandedOver,

    /// <summary>The lot arrived at the buyer's facility.</summary>
    Received,
}

/// <summary>
/// One link of the chain of custody: who did what to a device (or to the whole lot), when, for which organization and
/// where. Appended, never changed, so "where is serial X and who touched it" reads its device's events in order.
/// </summary>
public sealed class CustodyEvent
{
    public const int MaxPlaceLength = 300, MaxNoteLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }

    /// <summary>The device, or null for an event about the whole lot (a hand-over) or a scan that matched no device.</summary>
    public Guid? DeviceId { get; init; }
    public CustodyEventKind Kind { get; init; }
    public ScanStage? Stage { get; init; }
    public DateTimeOffset At { get; init; }
    public Guid? UserId { get; init; }
    public required string ActorName { get; init; }
    public Guid OrganizationId { get; init; }
    public string? Place { get; init; }
    public string? Note { get; init; }

    public static CustodyEvent Of(CustodyEventKind kind, Guid lotId, Guid? deviceId, CustodyActor actor, DateTimeOffset at, string? place = null, string? note = null,
        ScanStage? stage = null) => new()
    {
        LotId = lotId,
        DeviceId = deviceId,
        Kind = kind,
        Stage = stage,
        At = at,
        UserId = actor.UserId == Guid.Empty ? null : actor.UserId,
        ActorName = Cut(actor.Name, 200) ?? "unknown",
        OrganizationId = actor.OrganizationId,
        Place = Cut(place, MaxPlaceLength),
        Note = Cut(note, MaxNoteLength),
    };

    /// <summary>"Scanned at the hand-over", "Handed over", as a device's history lists them.</summary>
    public string What => (Kind, Stage) switch
    {
        (CustodyEventKind.Scanned, ScanStage.HandOver) => "Scanned at the hand-over",
        (CustodyEventKind.Scanned, ScanStage.Receiving) => "Scanned at receiving",
        (CustodyEventKind.ScanRemoved, ScanStage.HandOver) => "Hand-over scan taken back",
        (CustodyEventKind.ScanRemoved, ScanStage.Receiving) => "Receiving scan taken back",
        (CustodyEventKind.DeprovisioningConfirmed, _) => "Deprovisioning confirmed",
        (CustodyEventKind.HandedOver, _) => "Handed over to the buyer",
        (CustodyEventKind.Received, _) => "Received by the buyer",
        _ => Kind.Words(),
    };

    private static string? Cut(string? value, int length)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > length ? trimmed[..length] : trimmed;
    }
}

/// <summary>Who acts in the chain: the person, their name as the records show it, and the organization they act for.</summary>
public sealed record CustodyActor(Guid UserId, string Name, Guid OrganizationId);

/// <summary>
/// One scan of a label at the hand-over or at receiving, as it arrived: the lot, the device it matched (if any), the value as
/// scanned and as matched, the box it was packed in, when and by whom. A mistaken scan is taken back (marked, not deleted),
/// so what was scanned stays on record for the reconciliation of the two stages. At most one scan of a device (or of one
/// unknown value) per stage is in force: a repeat is a duplicate and is not recorded.
/// </summary>
public sealed class DeviceScan
{
    public const int MaxBoxLength = 32;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public ScanStage Stage { get; init; }
    public Guid? DeviceId { get; init; }

    /// <summary>The value as the scanner typed it (invisible and control characters removed).</summary>
    public required string RawValue { get; init; }

    /// <summary>The value the scan is matched and kept unique by: the serial read from the app's own label, upper case.</summary>
    public required string Value { get; init; }
    public string? Box { get; init; }
    public DateTimeOffset ScannedAt { get; init; }
    public Guid ScannedByUserId { get; init; }
    public required string ScannedBy { get; init; }
    public Guid OrganizationId { get; init; }
    public DateTimeOffset? RemovedAt { get; private set; }
    public Guid? RemovedByUserId { get; private set; }

    /// <summary>Receiving only: the cosmetic grade the device arrived in, or null when as declared.</summary>
    public Lots.CosmeticGrade? Grade { get; init; }

    /// <summary>Receiving only: the model the device arrived as, when it is not the one declared.</summary>
    public string? ReceivedModel { get; init; }

    public bool InForce => RemovedAt is null;

    /// <summary>", received in grade C as Chromebook 3110" for the device's history; empty when it arrived as declared.</summary>
    public string ReceivedWords => (Grade, ReceivedModel) switch
    {
        (null, null) => "",
        ({ } grade, null) => $", received in grade {grade}",
        (null, { } model) => $", received as {model}",
        var (grade, model) => $", received in grade {grade} as {model}",
    };

    public void TakeBack(Guid userId, DateTimeOffset now)
    {
        if (RemovedAt is not null)
        {
            throw new DomainException($"The scan of {RawValue} was already taken back.");
        }

        RemovedAt = now;
        RemovedByUserId = userId;
    }
}
