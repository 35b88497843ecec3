using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Reconciliation;

/// <summary>What follows once a reconciliation is settled (approved by the district or resolved by an admin).</summary>
internal static class ReconciliationSettlement
{
    /// <summary>
    /// Posts the agreed adjustment (the district's payable falls, the buyer is credited), tells both parties, and releases
    /// the district's funds if the lot's proof is already complete; otherwise the certificate job releases them later.
    /// </summary>
    public static async Task SettledAsync(MarketplaceDb db, Outbox outbox, LotReconciliation reconciliation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.LotId == reconciliation.LotId, cancellationToken);
        var number = await db.Lots.Where(l => l.Id == reconciliation.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
        var adjustment = reconciliation.AgreedAdjustment ?? 0;
        if (adjustment > 0)
        {
            db.LedgerTransactions.Add(LedgerPostings.ReceivingAdjustment(reconciliation, sale.Terms ?? throw new DomainException("The lot has not been awarded."), number, now,
                await db.FundingMixOfLotAsync(reconciliation.LotId, cancellationToken)));
        }

        var certifiedAt = await db.LotFulfillments.Where(f => f.LotId == reconciliation.LotId).Select(f => f.CertifiedAt).SingleAsync(cancellationToken);
        ReleaseWhenProven(outbox, reconciliation.LotId, sale.HoldsDataBearingDevices, certifiedAt);

        var how = reconciliation.Status == ReconciliationStatus.Resolved ? $"resolved by the platform: {reconciliation.ResolutionNote}" : "approved by the district";
        var body = $"The receiving reconciliation of lot {number} was {how}.\nAdjustment to the district's proceeds: {adjustment:C}" +
                   (adjustment > 0 ? "; the buyer is credited for it with the fees on it." : ".");
        outbox.Email(reconciliation.DistrictId, $"Lot {number}: reconciliation settled", body, Roles.DistrictApprover, Roles.DistrictInventory);
        outbox.Email(reconciliation.BuyerId, $"Lot {number}: reconciliation settled", body, Roles.RefurbisherBuyer, Roles.RefurbisherTechnician, Roles.SchoolBuyer);
    }

    /// <summary>The escrow's release (reconciled and certified; reconciled alone for a lot without data-bearing devices).</summary>
    public static void ReleaseWhenProven(Outbox outbox, Guid lotId, bool needsProof, DateTimeOffset? certifiedAt)
    {
        if (!needsProof || certifiedAt is not null)
        {
            outbox.Enqueue(new ReleaseDistrictFunds.Command(lotId));
        }
    }
}

/// <summary>The reconciliation's counts as a sentence: "2 missing, 1 extra, 3 in a lower grade."</summary>
internal static class ReconciliationWords
{
    public static string Counts(LotReconciliation reconciliation)
    {
        var parts = reconciliation.Lines.GroupBy(l => l.Kind).OrderBy(g => g.Key).Select(g => g.Key switch
        {
            DiscrepancyKind.Missing => $"{g.Count():N0} missing",
            DiscrepancyKind.Extra => $"{g.Count():N0} extra (not in the manifest)",
            DiscrepancyKind.LowerGrade => $"{g.Count():N0} in a lower grade than declared",
            _ => $"{g.Count():N0} of another model than declared",
        }).ToList();
        return parts.Count == 0 ? "Everything matched the manifest." : string.Join(", ", parts) + ".";
    }
}
