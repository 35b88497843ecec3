using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Data.Interceptors;

/// <summary>
/// Moves the catalog's revision in the same save as any change to what the catalog shows, so a catalog index built
/// before it catches up before it answers again: listings added or changed advance the sequence and are tagged with it
/// (an index reads just those); a changed organization or document (a seller's name, a certification) or a deleted
/// listing gives a new stamp, which rebuilds every index. Writes around the change tracker (bulk inserts,
/// ExecuteUpdate) call <see cref="BumpAsync"/> themselves.
/// </summary>
public sealed class CatalogRevisionInterceptor : SaveChangesInterceptor
{
    public static readonly CatalogRevisionInterceptor Instance = new();

    public static Task BumpAsync(MarketplaceDb db, CancellationToken cancellationToken) =>
        db.CatalogRevisions.Where(r => r.Id == CatalogRevision.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stamp, Guid.NewGuid()), cancellationToken);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Changes(eventData.Context) is { } changes)
        {
            changes.Tag(changes.Rebuild ? 0 : NextSequence(changes.Db).AsEnumerable().Single());
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Changes(eventData.Context) is { } changes)
        {
            changes.Tag(changes.Rebuild ? 0 : (await NextSequence(changes.Db).ToListAsync(cancellationToken)).Single());
        }

        return result;
    }

    /// <summary>
    /// Advances the sequence of the one revision row (<see cref="CatalogRevision.SingletonId"/>) in one statement that also returns it: the row stays locked until the transaction ends, so
    /// two writers never share a sequence and a reader never sees a sequence before the listings tagged with it.
    /// </summary>
    private static IQueryable<long> NextSequence(MarketplaceDb db) => db.Database.IsSqlServer()
        ? db.Database.SqlQueryRaw<long>("UPDATE [CatalogRevisions] SET [Sequence] = [Sequence] + 1 OUTPUT inserted.[Sequence] AS [Value] WHERE [Id] = 1")
        : db.Database.SqlQueryRaw<long>("UPDATE \"CatalogRevisions\" SET \"Sequence\" = \"Sequence\" + 1 WHERE \"Id\" = 1 RETURNING \"Sequence\" AS \"Value\"");

    private static CatalogChanges? Changes(DbContext? context)
    {
        if (context is not MarketplaceDb db)
        {
            return null;
        }

        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is Listing or Organization or OrganizationDocument)
            .ToList();
        if (changed.Count == 0)
        {
            return null;
        }

        return new CatalogChanges(db, changed.Where(e => e.Entity is Listing && e.State != EntityState.Deleted).ToList(),
            changed.Any(e => e.Entity is not Listing || e.State == EntityState.Deleted));
    }

    private sealed record CatalogChanges(MarketplaceDb Db, List<EntityEntry> Listings, bool Rebuild)
    {
        public void Tag(long sequence)
        {
            if (Rebuild)
            {
                var revision = Db.ChangeTracker.Entries<CatalogRevision>().Select(e => e.Entity).FirstOrDefault();
                if (revision is null)
                {
                    revision = new CatalogRevision { Id = CatalogRevision.SingletonId };
                    Db.Attach(revision);
                }

                revision.Stamp = Guid.NewGuid();
                Db.Entry(revision).Property(r => r.Stamp).IsModified = true;
                return;
            }

            foreach (var listing in Listings)
            {
                listing.Property(CatalogRevision.ListingSequence).CurrentValue = sequence;
            }
        }
    }
}
