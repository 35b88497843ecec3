using System.Text.Json;
using Marketplace.Web.Domain.Imports;

namespace Marketplace.Web.Features.Imports;

internal static class ImportMappingJson
{
    public static string Write(IReadOnlyDictionary<ManifestField, int> mapping) => JsonSerializer.Serialize(mapping.ToDictionary(m => m.Key.ToString(), m => m.Value));

    public static Dictionary<ManifestField, int> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(json)!.ToDictionary(m => Enum.Parse<ManifestField>(m.Key), m => m.Value);
}

internal static class ImportJobLoading
{
    public static async Task<ManifestReader> OpenManifestAsync(this MarketplaceDb db, ImportJob job, CancellationToken cancellationToken)
    {
        var content = await db.ImportFiles.Where(f => f.ImportJobId == job.Id).Select(f => f.Content).SingleAsync(cancellationToken);
        return ManifestReader.Open(job.FileName, content);
    }

    public static async Task<ImportJob> LoadImportJobAsync(this MarketplaceDb db, Guid jobId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var organizationId = user.RequireOrganization();
        return await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == jobId && j.OrganizationId == organizationId, cancellationToken)
               ?? throw new NotFoundException("Import");
    }
}
