namespace Marketplace.Web.Data;

/// <summary>
/// A typed search as a LIKE pattern, its wildcards escaped with <see cref="Escape"/>: case-insensitive for ASCII on
/// SQLite and under SQL Server's default collation, so "tahoma" finds "Tahoma Middle School" on both.
/// </summary>
public static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>Matches any text containing <paramref name="term"/> as typed, a % or _ in it meaning itself.</summary>
    public static string Containing(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
