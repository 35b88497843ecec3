using Marketplace.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;

namespace Marketplace.Web.Data;

/// <summary>A lot with the facts its sale, settlement and fulfillment hold about its progress (a shape queries can compose).</summary>
public sealed class LotWithProgress
{
    public required Lot Lot { get; init; }
    public SaleStatus? Sale { get; init; }
    public SettlementStatus? Settlement { get; init; }
    public DateOnly? PickupDate { get; init; }
    public DateTimeOffset? PickedUpAt { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    public DateTimeOffset? CertifiedAt { get; init; }
    public bool NeedsProof { get; init; } = true;
    public bool ReconciliationOpen { get; init; }

    /// <summary>Paid lots: the last day of the buyer's removal window.</summary>
    public DateOnly? RemovalDueOn { get; init; }

    /// <summary>Paid and not handed over after its removal deadline, as of <paramref name="today"/>.</summary>
    public bool PickupOverdueOn(DateOnly today) =>
        RemovalDueOn is { } due && Domain.Fulfillment.LotFulfillment.IsOverdue(due, PickedUpAt, today);

    public LotProgress Progress => new(Lot.Status, Sale, Settlement, PickupDate, PickedUpAt, ReceivedAt, CertifiedAt, NeedsProof, ReconciliationOpen);
}

/// <summary>Reads a lot's stage from the aggregates that own each part, in one query.</summary>
public static class LotProgressQueries
{
    public static IQueryable<LotWithProgress> WithProgress(this IQueryable<Lot> lots, MarketplaceDb db) =>
        from l in lots
        join s in db.Sales on l.Id equals s.LotId into sales
        from s in sales.DefaultIfEmpty()
        join st in db.LotSettlements on l.Id equals st.LotId into settlements
        from st in settlements.DefaultIfEmpty()
        join f in db.LotFulfillments on l.Id equals f.LotId into fulfillments
        from f in fulfillments.DefaultIfEmpty()
        join r in db.LotReconciliations on l.Id equals r.LotId into reconciliations
        from r in reconciliations.DefaultIfEmpty()
        select new LotWithProgress
        {
            Lot = l,
            Sale = s == null ? null : s.Status,
            Settlement = st == null ? null : st.Status,
            PickupDate = f == null ? null : f.PickupDate,
            PickedUpAt = f == null ? null : f.PickedUpAt,
            ReceivedAt = f == null ? null : f.ReceivedAt,
            CertifiedAt = f == null ? null : f.CertifiedAt,
            NeedsProof = s == null || s.HoldsDataBearingDevices,
            RemovalDueOn = f == null ? null : f.RemovalDueOn,
            ReconciliationOpen = r != null && (r.Status == ReconciliationStatus.AwaitingDistrict || r.Status == ReconciliationStatus.Disputed),
        };

    public static async Task<LotProgress> ProgressOfAsync(this MarketplaceDb db, Guid lotId, CancellationToken cancellationToken) =>
        (await db.Lots.AsNoTracking().Where(l => l.Id == lotId).WithProgress(db).SingleOrDefaultAsync(cancellationToken))?.Progress
        ?? throw new NotFoundException("Lot");

    /// <summary>
    /// Lots that still hold their serials (not withdrawn, not settled): a serial may be in only one open lot
    /// of a district at a time.
    /// </summary>
    public static IQueryable<Lot> Open(this IQueryable<Lot> lots, MarketplaceDb db) =>
        lots.Where(l => l.Status != ListingStatus.Withdrawn
            && !db.LotSettlements.Any(s => s.LotId == l.Id && s.Status == SettlementStatus.Settled));
}

/// <summary>What receiving reconciliations say about devices.</summary>
public static class ReconciliationQueries
{
    /// <summary>
    /// Devices reported missing when their lot's receiving finished: nothing of theirs is sanitized or certified. Read
    /// through the (device, kind) index, so asking about one device or a page of them costs a seek each.
    /// </summary>
    public static IQueryable<Guid> DevicesReportedMissing(this MarketplaceDb db) =>
        db.ReconciliationLines.Where(l => l.Kind == DiscrepancyKind.Missing && l.DeviceId != null).Select(l => l.DeviceId!.Value);
}
