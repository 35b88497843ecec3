using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Domain.Fulfillment;

/// <summary>How what arrived differs from what the district declared.</summary>
public enum DiscrepancyKind
{
    /// <summary>A serial of the manifest that was not scanned at receiving.</summary>
    Missing,

    /// <summary>A scanned value that is no serial or asset tag of the lot.</summary>
    Extra,

    /// <summary>Received in a worse cosmetic grade than declared.</summary>
    LowerGrade,

    /// <summary>Received as another model than declared (perhaps also in a lower grade).</summary>
    DifferentModel,
}

/// <summary>
/// Matched (nothing differed) → settled at once. Otherwise awaiting the district, which approves the proposed adjustment or
/// disputes it with a reason; an admin resolves a dispute with the adjustment that stands.
/// </summary>
public enum ReconciliationStatus { Matched, AwaitingDistrict, Approved, Disputed, Resolved }

/// <summary>One discrepancy and the reduction of the district's proceeds it proposes (never negative: the buyer never owes more).</summary>
public sealed class ReconciliationLine
{
    public const int MaxModelLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ReconciliationId { get; init; }
    public DiscrepancyKind Kind { get; init; }

    /// <summary>The manifest's device, or null for an extra (unknown) scan.</summary>
    public Guid? DeviceId { get; init; }

    /// <summary>The device's serial, or the value scanned for an extra.</summary>
    public required string Serial { get; init; }
    public string? DeclaredModel { get; init; }
    public CosmeticGrade? DeclaredGrade { get; init; }
    public string? ReceivedModel { get; init; }
    public CosmeticGrade? ReceivedGrade { get; init; }
    public decimal Adjustment { get; init; }

    /// <summary>What differs, in the words a district and a buyer read: "Missing", "Grade B declared, C received".</summary>
    public string Description => Kind switch
    {
        DiscrepancyKind.Missing => "Not received (missing)",
        DiscrepancyKind.Extra => ReceivedModel is { } model ? $"Not in the manifest (received as {model})" : "Not in the manifest",
        DiscrepancyKind.LowerGrade => $"Grade {DeclaredGrade} declared, {ReceivedGrade} received",
        _ => $"{DeclaredModel} declared, {ReceivedModel} received" + (ReceivedGrade is { } grade && grade != DeclaredGrade ? $" in grade {grade}" : ""),
    };
}

/// <summary>
/// The comparison of what the buyer received with the lot's manifest, made when the buyer finishes receiving: every
/// missing, extra, lower-grade or different-model device, each with the reduction of the district's proceeds the price
/// guide proposes. The district approves it or disputes it; an admin resolves a dispute. Until it is settled the district
/// is not paid (the escrow's release condition: reconciled and certified). Once settled, <see cref="AgreedAdjustment"/>
/// is posted to the ledger, which reduces the district's payable and credits the buyer.
/// </summary>
public sealed class LotReconciliation : IVersioned
{
    public const int MaxReasonLength = 1000;

    private readonly List<ReconciliationLine> _lines = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid DistrictId { get; init; }
    public Guid BuyerId { get; init; }
    public string Currency { get; init; } = "USD";
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Devices in the manifest, and how many of them were scanned at receiving.</summary>
    public int DeviceCount { get; init; }
    public int ReceivedCount { get; init; }

    /// <summary>The district's proceeds from the sale (hammer − commission): no adjustment can exceed them.</summary>
    public decimal DistrictProceeds { get; init; }
    public decimal ProposedAdjustment { get; init; }
    public ReconciliationStatus Status { get; private set; }

    /// <summary>The reduction of the district's proceeds that stands, once settled (0 when matched).</summary>
    public decimal? AgreedAdjustment { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DisputeReason { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public string? ResolutionNote { get; private set; }
    public int Version { get; set; }

    public IReadOnlyList<ReconciliationLine> Lines => _lines;

    /// <summary>Why a serial reported missing at receiving takes no sanitization record: it is not the buyer's to certify.</summary>
    public static string ReportedMissing(string serial) =>
        $"Serial {serial} was reported missing when receiving finished, so it is not on this lot's certificate. " +
        "If it turned up, tell the district: its reconciliation records it as missing.";

    /// <summary>Nothing is left to decide: matched, approved, or resolved after a dispute.</summary>
    public bool IsSettled => IsSettledStatus(Status);

    public static bool IsSettledStatus(ReconciliationStatus status) => status is ReconciliationStatus.Matched or ReconciliationStatus.Approved or ReconciliationStatus.Resolved;

    /// <summary>
    /// The reconciliation of a received lot from its discrepancies: matched (and settled) when there are none, else waiting
    /// for the district. The proposed total is capped at the district's proceeds.
    /// </summary>
    public static LotReconciliation Propose(Guid lotId, Guid districtId, Guid buyerId, string currency, int deviceCount, int receivedCount, decimal districtProceeds,
        IReadOnlyList<Discrepancy> discrepancies, DateTimeOffset now)
    {
        var reconciliation = new LotReconciliation
        {
            LotId = lotId,
            DistrictId = districtId,
            BuyerId = buyerId,
            Currency = currency,
            CreatedAt = now,
            DeviceCount = deviceCount,
            ReceivedCount = receivedCount,
            DistrictProceeds = districtProceeds,
            ProposedAdjustment = Math.Min(districtProceeds, discrepancies.Sum(d => d.Adjustment)),
            Status = discrepancies.Count == 0 ? ReconciliationStatus.Matched : ReconciliationStatus.AwaitingDistrict,
            AgreedAdjustment = discrepancies.Count == 0 ? 0 : null,
            DecidedAt = discrepancies.Count == 0 ? now : null,
        };
        reconciliation._lines.AddRange(discrepancies.Select(d => new ReconciliationLine
        {
            ReconciliationId = reconciliation.Id,
            Kind = d.Kind,
            DeviceId = d.DeviceId,
            Serial = d.Serial,
            DeclaredModel = d.DeclaredModel,
            DeclaredGrade = d.DeclaredGrade,
            ReceivedModel = d.ReceivedModel is { Length: > ReconciliationLine.MaxModelLength } tooLong ? tooLong[..ReconciliationLine.MaxModelLength] : d.ReceivedModel,
            ReceivedGrade = d.ReceivedGrade,
            Adjustment = d.Adjustment,
        }));
        return reconciliation;
    }

    /// <summary>The district accepts the proposed adjustment.</summary>
    public void Approve(string approvedBy, DateTimeOffset now)
    {
        Require(Status is ReconciliationStatus.AwaitingDistrict, Status == ReconciliationStatus.Disputed
            ? "This reconciliation is disputed: an admin resolves it."
            : "This reconciliation is already settled.");
        Status = ReconciliationStatus.Approved;
        AgreedAdjustment = ProposedAdjustment;
        DecidedAt = now;
        DecidedBy = approvedBy;
    }

    /// <summary>The district contests what was received or the proposed adjustment, saying why; an admin decides.</summary>
    public void Dispute(string reason, string disputedBy, DateTimeOffset now)
    {
        Require(Status is ReconciliationStatus.AwaitingDistrict, Status == ReconciliationStatus.Disputed
            ? "This reconciliation is already disputed."
            : "This reconciliation is already settled.");
        Require(!string.IsNullOrWhiteSpace(reason), "Say why you dispute the reconciliation: the admin who resolves it reads your reason.");
        Require(reason.Trim().Length <= MaxReasonLength, $"Keep the reason under {MaxReasonLength} characters.");
        Status = ReconciliationStatus.Disputed;
        DisputeReason = reason.Trim();
        DecidedAt = now;
        DecidedBy = disputedBy;
    }

    /// <summary>An admin settles a dispute with the adjustment that stands (the proposal, more, less or none) and says why.</summary>
    public void Resolve(decimal adjustment, string note, string resolvedBy, DateTimeOffset now)
    {
        Require(Status == ReconciliationStatus.Disputed, "Only a disputed reconciliation is resolved by an admin.");
        Require(adjustment >= 0, "The adjustment cannot be negative: the buyer never pays more than the price agreed.");
        Require(adjustment <= DistrictProceeds, $"The adjustment cannot exceed the district's proceeds ({DistrictProceeds:C}).");
        Require(decimal.Round(adjustment, 2) == adjustment, "Give the adjustment in dollars and cents.");
        Require(!string.IsNullOrWhiteSpace(note), "Explain the resolution: both organizations read it.");
        Require(note.Trim().Length <= MaxReasonLength, $"Keep the note under {MaxReasonLength} characters.");
        Status = ReconciliationStatus.Resolved;
        AgreedAdjustment = adjustment;
        ResolutionNote = note.Trim();
        ResolvedAt = now;
        ResolvedBy = resolvedBy;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}

/// <summary>One discrepancy found at receiving, with its proposed adjustment.</summary>
public sealed record Discrepancy(DiscrepancyKind Kind, Guid? DeviceId, string Serial, string? DeclaredModel, CosmeticGrade? DeclaredGrade,
    string? ReceivedModel, CosmeticGrade? ReceivedGrade, decimal Adjustment);

/// <summary>A device of the manifest as the district declared it.</summary>
public sealed record DeclaredDevice(Guid Id, string Serial, string Model, DeviceCategory Category, CosmeticGrade Grade, FunctionalStatus Functional, DateOnly? AueDate);

/// <summary>What the buyer recorded for a device at receiving; null fields mean "as declared".</summary>
public sealed record ReceivedCondition(CosmeticGrade? Grade, string? Model);

/// <summary>An extra scan at receiving: the value and, if the buyer gave one, the model it arrived as.</summary>
public sealed record ExtraScan(string Value, string? Model);

/// <summary>
/// Finds the discrepancies between a manifest and what arrived, and prices each from the price guide. Each device carries a
/// share of the district's proceeds in proportion to its guide value (devices the guide cannot price carry the average
/// share), so the proposal follows what the buyer actually paid, not the guide's list prices: a missing device takes away
/// its whole share; a lower grade or another model takes away the share's fall in guide value. Extras are recorded at no
/// charge — the district learns it shipped a device it did not list, and the buyer is never asked to pay more.
/// </summary>
public static class Reconciling
{
    /// <param name="value">The guide value of a device (model, category, grade, functional status, AUE date), or null when unpriced.</param>
    public static IReadOnlyList<Discrepancy> Discrepancies(IReadOnlyList<DeclaredDevice> declared, IReadOnlyDictionary<Guid, ReceivedCondition> received,
        IReadOnlyList<ExtraScan> extras, decimal districtProceeds, Func<string, DeviceCategory, CosmeticGrade, FunctionalStatus, DateOnly?, decimal?> value)
    {
        var values = declared.Select(d => value(d.Model, d.Category, d.Grade, d.Functional, d.AueDate)).ToList();
        var shares = ProceedsAllocation.UnitShares(values.Select(v => (v, 1)).ToList(), districtProceeds);
        var found = new List<Discrepancy>();
        for (var i = 0; i < declared.Count; i++)
        {
            var device = declared[i];
            var share = shares[i];
            if (!received.TryGetValue(device.Id, out var condition))
            {
                found.Add(new Discrepancy(DiscrepancyKind.Missing, device.Id, device.Serial, device.Model, device.Grade, null, null, Cents(share)));
                continue;
            }

            var otherModel = condition.Model is { } model && DeviceModel.NormalizeName(model) != DeviceModel.NormalizeName(device.Model);
            var grade = condition.Grade ?? device.Grade;
            if (!otherModel && grade <= device.Grade)
            {
                continue;
            }

            var declaredValue = values[i];
            var receivedValue = value(otherModel ? condition.Model! : device.Model, device.Category, grade, device.Functional, otherModel ? null : device.AueDate);
            // Worth less by the guide's own ratio; a model the guide cannot price is proposed at no adjustment, for the district to weigh.
            var loss = declaredValue is > 0 && receivedValue is { } worth ? Math.Clamp(1 - worth / declaredValue.Value, 0, 1) : 0;
            found.Add(new Discrepancy(otherModel ? DiscrepancyKind.DifferentModel : DiscrepancyKind.LowerGrade, device.Id, device.Serial, device.Model, device.Grade,
                otherModel ? condition.Model!.Trim() : null, grade, Cents(share * loss)));
        }

        found.AddRange(extras.Select(e => new Discrepancy(DiscrepancyKind.Extra, null, e.Value, null, null, e.Model, null, 0)));
        return found;
    }

    private static decimal Cents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
