using Marketplace.Web.Domain.Finance;

namespace Marketplace.Web.Features.Disputes;

internal static class DisputeQueries
{
    /// <summary>The platform's own organization: finance and the admins are its people.</summary>
    public static async Task<Guid> PlatformOrganizationIdAsync(this MarketplaceDb db, CancellationToken cancellationToken) =>
        await db.Organizations.Where(o => o.Kind == OrganizationKind.Platform).Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The number of the buyer's dispute still open on the lot or order, or null. The seller is not paid while one is open: the
    /// admin's decision may take part of what it is owed back, so payouts ask this before money leaves.
    /// </summary>
    public static async Task<string?> OpenDisputeNumberAsync(this MarketplaceDb db, Guid? lotId, Guid? orderId, CancellationToken cancellationToken) =>
        lotId is null && orderId is null
            ? throw new ArgumentException("Name the lot or the order whose disputes to look for.")
            : await db.BuyerDisputes.Where(d => d.State == DisputeState.Open && (lotId != null ? d.LotId == lotId : d.OrderId == orderId))
                .OrderBy(d => d.OpenedAt).Select(d => d.Number).FirstOrDefaultAsync(cancellationToken);

    /// <inheritdoc cref="OpenDisputeNumberAsync"/>
    public static async Task<bool> HasOpenDisputeAsync(this MarketplaceDb db, Guid? lotId, Guid? orderId, CancellationToken cancellationToken) =>
        await db.OpenDisputeNumberAsync(lotId, orderId, cancellationToken) is not null;

    /// <summary>Why the seller's payout waits for the dispute, in the words the hold shows.</summary>
    public static string HoldReason(string disputeNumber) =>
        $"buyer dispute {disputeNumber} is open; the payout waits for the platform's decision, which may refund part of it";
}
