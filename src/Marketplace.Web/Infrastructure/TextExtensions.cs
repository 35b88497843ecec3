namespace Marketplace.Web.Infrastructure;

public static class TextExtensions
{
    /// <summary>Cuts a value to a column's maximum length.</summary>
    public static string Truncate(this string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];
}
