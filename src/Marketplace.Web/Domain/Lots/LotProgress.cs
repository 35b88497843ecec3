using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Sales;

namespace Marketplace.Web.Domain.Lots;

/// <summary>The stage of a lot as people see it, derived from the aggregates that own each part.</summary>
public enum LotStage { Draft, Listed, Awarded, Paid, PickupScheduled, InTransit, Received, Certified, Settled, Withdrawn, Unsold, Forfeited, Offered }

/// <summary>
/// What each aggregate says about a lot: the lot's listing, its sale, its settlement and its fulfillment.
/// The stage and what may happen next are derived here, so views and handlers ask a capability
/// ("can the manifest change?") instead of comparing stages by their order.
/// </summary>
/// <param name="NeedsProof">
/// The lot holds data-bearing devices, so its devices are sanitized and certified before the district is paid; a lot of
/// carts, chargers and displays (which a school may buy) is paid out once it is received.
/// </param>
/// <param name="ReconciliationOpen">
/// What arrived differs from the manifest and the district (or, after a dispute, an admin) has not settled the adjustment yet.
/// </param>
public sealed record LotProgress(
    ListingStatus Listing,
    SaleStatus? Sale,
    SettlementStatus? Settlement,
    DateOnly? PickupDate,
    DateTimeOffset? PickedUpAt,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? CertifiedAt,
    bool NeedsProof = true,
    bool ReconciliationOpen = false)
{
    public static readonly IReadOnlyList<LotStage> Journey =
        [LotStage.Draft, LotStage.Listed, LotStage.Awarded, LotStage.Paid, LotStage.PickupScheduled, LotStage.InTransit, LotStage.Received, LotStage.Certified, LotStage.Settled];

    public LotStage Stage => this switch
    {
        { Listing: ListingStatus.Withdrawn } => LotStage.Withdrawn,
        { Listing: ListingStatus.Draft } => LotStage.Draft,
        { Settlement: SettlementStatus.Settled } => LotStage.Settled,
        { CertifiedAt: not null } => LotStage.Certified,
        { ReceivedAt: not null } => LotStage.Received,
        { PickedUpAt: not null } => LotStage.InTransit,
        { PickupDate: not null } => LotStage.PickupScheduled,
        { Settlement: SettlementStatus.Held or SettlementStatus.PayoutPending } => LotStage.Paid,
        { Sale: SaleStatus.Awarded } => LotStage.Awarded,
        { Sale: SaleStatus.Unsold } => LotStage.Unsold,
        { Sale: SaleStatus.Forfeited } => LotStage.Forfeited,
        { Sale: SaleStatus.Offered } => LotStage.Offered,
        _ => LotStage.Listed,
    };

    public bool CanEditManifest => Stage == LotStage.Draft;

    public bool CanWithdraw => Stage is LotStage.Draft or LotStage.Listed or LotStage.Unsold or LotStage.Forfeited;

    public bool AcceptsQuotes => Stage == LotStage.Listed;

    public bool AwaitsPayment => Stage == LotStage.Awarded;

    public bool CanSchedulePickup => Stage is LotStage.Paid or LotStage.PickupScheduled;

    public bool AwaitsPickup => Stage == LotStage.PickupScheduled;

    public bool IsInTransit => Stage == LotStage.InTransit;

    public bool AcceptsSanitization => NeedsProof && Stage == LotStage.Received;

    /// <summary>
    /// The escrow's release condition: reconciled and certified, or reconciled and received when nothing in the lot stores
    /// data (a lot is reconciled when it is received: matched at once, or once its adjustment is settled).
    /// </summary>
    public bool ProofComplete => ReceivedAt is not null && !ReconciliationOpen && (!NeedsProof || CertifiedAt is not null);

    public bool HasCertificate => NeedsProof && Stage is LotStage.Certified or LotStage.Settled;

    /// <summary>Photos change only until the lot is awarded: afterwards they are part of what the buyer agreed to.</summary>
    public bool PhotosEditable => Stage is LotStage.Draft or LotStage.Listed;

    /// <summary>Receiving and after: each device's sanitization record matters more than the district's declaration.</summary>
    public bool ShowsSanitization => NeedsProof && Stage is LotStage.Received or LotStage.Certified or LotStage.Settled;

    /// <summary>An open lot still holds its serials: the same serial cannot be in two open lots of a district.</summary>
    public bool IsOpen => Stage is not (LotStage.Settled or LotStage.Withdrawn);

    /// <summary>Position on the journey (0 = draft), or -1 off the journey (withdrawn).</summary>
    public int Step => Journey.ToList().IndexOf(Stage);
}
