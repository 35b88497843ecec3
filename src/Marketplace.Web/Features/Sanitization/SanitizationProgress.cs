using Marketplace.Web.Data;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// Moves the lot's sanitization counters by atomic increments (never a write through the fulfillment's version, so two
/// technicians working the same lot never conflict), then reads the one fulfillment row back to decide what comes next:
/// the quality-control sample once every medium is accepted, the certificate once the sample has passed.
/// </summary>
internal static class SanitizationProgress
{
    public static async Task MoveAsync(MarketplaceDb db, Outbox outbox, Guid fulfillmentId,
        int devices = 0, int recorded = 0, int accepted = 0, int passed = 0, CancellationToken cancellationToken = default)
    {
        if (devices != 0 || recorded != 0 || accepted != 0 || passed != 0)
        {
            await db.LotFulfillments.Where(f => f.Id == fulfillmentId).ExecuteUpdateAsync(set => set
                .SetProperty(f => f.SanitizedCount, f => f.SanitizedCount + devices)
                .SetProperty(f => f.MediaRecorded, f => f.MediaRecorded + recorded)
                .SetProperty(f => f.MediaAccepted, f => f.MediaAccepted + accepted)
                .SetProperty(f => f.QualityChecksPassed, f => f.QualityChecksPassed + passed), cancellationToken);
        }

        var now = await db.LotFulfillments.AsNoTracking().Where(f => f.Id == fulfillmentId).SingleAsync(cancellationToken);
        if (now.NeedsQualitySample)
        {
            outbox.Enqueue(new DrawQualitySample.Command(now.LotId));
        }
        else if (now.IsSanitizationComplete)
        {
            outbox.Enqueue(new IssueCertificate.Command(now.LotId));
        }
    }
}
