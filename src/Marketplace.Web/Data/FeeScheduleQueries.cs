using Marketplace.Web.Domain.Finance;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

public static class FeeScheduleQueries
{
    /// <summary>The fee schedule version in force: the latest saved. Read untracked, since versions are never edited.</summary>
    public static Task<FeeSchedule> CurrentFeeScheduleAsync(this MarketplaceDb db, CancellationToken cancellationToken = default) =>
        db.FeeSchedules.AsNoTracking().OrderByDescending(f => f.Id).FirstAsync(cancellationToken);
}
