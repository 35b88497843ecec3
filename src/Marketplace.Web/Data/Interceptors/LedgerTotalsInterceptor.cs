using Marketplace.Web.Domain.Finance;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Data.Interceptors;

/// <summary>
/// Keeps <see cref="LedgerMonthlyTotal"/> equal to a GROUP BY of the ledger lines: every line added (or removed) through
/// a save moves its cell in the same save, so in the same transaction; the totals cannot drift from the lines. The cells'
/// sums are concurrency tokens, so two saves moving the same cell at once cannot lose one's amount: the later fails and
/// is retried or reported. Lines written around the change tracker (bulk inserts) are followed by
/// <see cref="LedgerTotals.RebuildAsync"/>.
/// </summary>
public sealed class LedgerTotalsInterceptor : SaveChangesInterceptor
{
    public static readonly LedgerTotalsInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is MarketplaceDb db && Changes(db) is { Count: > 0 } changes)
        {
            var keys = changes.Keys.Select(k => k.Account).Distinct().ToList();
            var periods = changes.Keys.Select(k => k.Period).Distinct().ToList();
            Apply(db, changes, [.. db.LedgerMonthlyTotals.Where(t => keys.Contains(t.Account) && periods.Contains(t.Period))]);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MarketplaceDb db && Changes(db) is { Count: > 0 } changes)
        {
            var keys = changes.Keys.Select(k => k.Account).Distinct().ToList();
            var periods = changes.Keys.Select(k => k.Period).Distinct().ToList();
            Apply(db, changes, await db.LedgerMonthlyTotals.Where(t => keys.Contains(t.Account) && periods.Contains(t.Period)).ToListAsync(cancellationToken));
        }

        return result;
    }

    private static Dictionary<(LedgerAccount Account, int Period, Guid DistrictId, string Funding), (decimal Debit, decimal Credit)> Changes(MarketplaceDb db)
    {
        var changes = new Dictionary<(LedgerAccount, int, Guid, string), (decimal Debit, decimal Credit)>();
        foreach (var entry in db.ChangeTracker.Entries<LedgerEntry>())
        {
            var sign = entry.State switch { EntityState.Added => 1, EntityState.Deleted => -1, _ => 0 };
            if (sign == 0)
            {
                continue;
            }

            var key = LedgerMonthlyTotal.KeyOf(entry.Entity);
            var (debit, credit) = changes.GetValueOrDefault(key);
            changes[key] = (debit + sign * entry.Entity.Debit, credit + sign * entry.Entity.Credit);
        }

        return changes;
    }

    private static void Apply(MarketplaceDb db, Dictionary<(LedgerAccount Account, int Period, Guid DistrictId, string Funding), (decimal Debit, decimal Credit)> changes,
        List<LedgerMonthlyTotal> loaded)
    {
        // Cells already tracked (a second save in the same unit of work) are the current ones; the query returned those same instances.
        var cells = loaded.ToDictionary(t => (t.Account, t.Period, t.DistrictId, t.Funding));
        foreach (var (key, (debit, credit)) in changes)
        {
            if (!cells.TryGetValue(key, out var cell))
            {
                cell = db.LedgerMonthlyTotals.Local.FirstOrDefault(t => (t.Account, t.Period, t.DistrictId, t.Funding) == key);
                if (cell is null)
                {
                    cell = LedgerMonthlyTotal.For(key);
                    db.LedgerMonthlyTotals.Add(cell);
                }
            }

            cell.Add(debit, credit);
        }
    }
}
