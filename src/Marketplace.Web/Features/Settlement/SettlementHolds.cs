using Marketplace.Web.Data;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Settlement;

internal static class SettlementHolds
{
    /// <summary>
    /// Whatever held the lot's payout (a card dispute, a buyer's dispute) has ended: queue the release again, which pays it or
    /// holds it for whatever reason remains. A lot never held, or already paid, is left alone.
    /// </summary>
    public static async Task QueueReleaseIfOnHoldAsync(this MarketplaceDb db, Outbox outbox, Guid lotId, CancellationToken cancellationToken)
    {
        if (await db.LotSettlements.AnyAsync(s => s.LotId == lotId && s.Status == SettlementStatus.Held && s.HoldReason != null, cancellationToken))
        {
            outbox.Enqueue(new ReleaseDistrictFunds.Command(lotId));
        }
    }
}
