using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Data.Interceptors;

/// <summary>
/// Gives the catalog a new stamp in the same save as any change to a listing, an organization or its documents,
/// so a catalog index built from the old stamp is rebuilt before it answers again.
/// Writes around the change tracker (bulk inserts, ExecuteUpdate) call <see cref="BumpAsync"/> themselves.
/// </summary>
public sealed class CatalogRevisionInterceptor : SaveChangesInterceptor
{
    public static readonly CatalogRevisionInterceptor Instance = new();

    public static Task BumpAsync(MarketplaceDb db, CancellationToken cancellationToken) =>
        db.CatalogRevisions.Where(r => r.Id == CatalogRevision.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stamp, Guid.NewGuid()), cancellationToken);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Stamp(DbContext? context)
    {
        if (context is null || !context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is Listing or Organization or OrganizationDocument))
        {
            return;
        }

        var revision = context.ChangeTracker.Entries<CatalogRevision>().Select(e => e.Entity).FirstOrDefault();
        if (revision is null)
        {
            revision = new CatalogRevision { Id = CatalogRevision.SingletonId };
            context.Attach(revision);
        }

        revision.Stamp = Guid.NewGuid();
        context.Entry(revision).Property(r => r.Stamp).IsModified = true;
    }
}
