using Marketplace.Web.Domain.Finance;

namespace Marketplace.Web.Data;

/// <summary>Rebuilding the ledger's monthly totals from the lines: once after the table is created, and after lines are bulk-inserted.</summary>
public static class LedgerTotals
{
    /// <summary>Replaces every total with a GROUP BY of the lines, inside the caller's transaction when there is one.</summary>
    public static async Task RebuildAsync(MarketplaceDb db, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await db.LedgerMonthlyTotals.ExecuteDeleteAsync(cancellationToken);
            var sums = await db.LedgerEntries
                .GroupBy(e => new { e.Account, e.Period, e.DistrictId, e.FundingSource })
                .Select(g => new { g.Key.Account, g.Key.Period, g.Key.DistrictId, g.Key.FundingSource, Debit = g.Sum(e => e.Debit), Credit = g.Sum(e => e.Credit) })
                .ToListAsync(cancellationToken);
            await db.InsertManyAsync(sums.Select(s =>
            {
                var total = LedgerMonthlyTotal.For((s.Account, s.Period, s.DistrictId ?? LedgerMonthlyTotal.NoDistrict, s.FundingSource?.ToString() ?? LedgerMonthlyTotal.NoFunding));
                total.Add(s.Debit, s.Credit);
                return total;
            }), cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>At start-up: a ledger that has lines but no totals (its totals table was just created) gets them.</summary>
    public static async Task BackfillAsync(MarketplaceDb db, CancellationToken cancellationToken)
    {
        if (!await db.LedgerMonthlyTotals.AnyAsync(cancellationToken) && await db.LedgerEntries.AnyAsync(cancellationToken))
        {
            await RebuildAsync(db, cancellationToken);
        }
    }
}
