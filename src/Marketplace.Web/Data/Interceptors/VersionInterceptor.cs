using Marketplace.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Data.Interceptors;

/// <summary>
/// Bumps <see cref="IVersioned.Version"/> on every save of a changed aggregate, so two people editing
/// the same lot at once get a concurrency failure instead of a silent lost update.
/// </summary>
public sealed class VersionInterceptor : SaveChangesInterceptor
{
    /// <summary>
    /// Marks an aggregate as changed when its children were written around the change tracker (bulk
    /// insert, ExecuteUpdate, photo rows): the save then bumps its version, so a concurrent edit conflicts.
    /// </summary>
    public static void Touch<T>(DbContext db, T aggregate) where T : class, IVersioned =>
        db.Entry(aggregate).Property(nameof(IVersioned.Version)).IsModified = true;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Bump(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Bump(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Bump(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && HasChangedChildren(entry)))
            {
                var version = entry.Property(nameof(IVersioned.Version));
                version.CurrentValue = entry.Entity.Version + 1;
                version.IsModified = true;
            }
        }
    }

    // Adding a device or quote changes the lot aggregate even if no lot column changed.
    private static bool HasChangedChildren(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.Collections.Any(c => c.CurrentValue is System.Collections.IEnumerable items
            && items.Cast<object>().Any(i => entry.Context.Entry(i).State is EntityState.Added or EntityState.Modified or EntityState.Deleted));
}
