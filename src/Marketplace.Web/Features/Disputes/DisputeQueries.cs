namespace Marketplace.Web.Features.Disputes;

internal static class DisputeQueries
{
    /// <summary>The platform's own organization: finance and the admins are its people.</summary>
    public static async Task<Guid> PlatformOrganizationIdAsync(this MarketplaceDb db, CancellationToken cancellationToken) =>
        await db.Organizations.Where(o => o.Kind == OrganizationKind.Platform).Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);
}
