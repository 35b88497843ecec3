namespace Marketplace.Web.Infrastructure.Spreadsheets;

/// <summary>What the mapping step's form offers: each field with the file's headers to choose from, the previous choice selected.</summary>
public sealed record TableMappingChoices(string FileName, IReadOnlyList<TableField> Fields, IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string> Choices)
{
    /// <summary>The file's usable headers, each once.</summary>
    public IReadOnlyList<string> Options => [.. Headers.Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
}
