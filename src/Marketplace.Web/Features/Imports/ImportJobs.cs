using System.Text.Json;
using Marketplace.Web.Domain.Imports;

namespace Marketplace.Web.Features.Imports;

/// <summary>What the district confirmed on the mapping screen: a column for each field, and how devices of each asset status are listed.</summary>
public sealed record ManifestMapping(IReadOnlyDictionary<ManifestField, int> Columns, IReadOnlyDictionary<AssetStatusKind, AssetStatusEffect> Statuses)
{
    public static ManifestMapping Of(IReadOnlyDictionary<ManifestField, int> columns, IReadOnlyDictionary<AssetStatusKind, AssetStatusEffect>? statuses = null) =>
        new(columns, AssetStatuses.WithDefaults(statuses));
}

internal static class ImportMappingJson
{
    private sealed record Stored(Dictionary<string, int> Columns, Dictionary<string, string> Statuses);

    public static string Write(ManifestMapping mapping) => JsonSerializer.Serialize(new Stored(
        mapping.Columns.ToDictionary(m => m.Key.ToString(), m => m.Value),
        mapping.Statuses.ToDictionary(s => s.Key.ToString(), s => s.Value.ToString())));

    /// <summary>Also reads the columns-only form that imports checked before asset statuses were read stored.</summary>
    public static ManifestMapping Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty(nameof(Stored.Columns), out _))
        {
            return ManifestMapping.Of(Columns(JsonSerializer.Deserialize<Dictionary<string, int>>(json)!));
        }

        var stored = JsonSerializer.Deserialize<Stored>(json)!;
        return ManifestMapping.Of(Columns(stored.Columns),
            stored.Statuses.ToDictionary(s => Enum.Parse<AssetStatusKind>(s.Key), s => Enum.Parse<AssetStatusEffect>(s.Value)));
    }

    private static Dictionary<ManifestField, int> Columns(Dictionary<string, int> columns) =>
        columns.ToDictionary(m => Enum.Parse<ManifestField>(m.Key), m => m.Value);
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
