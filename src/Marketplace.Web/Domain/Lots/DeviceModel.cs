namespace Marketplace.Web.Domain.Lots;

/// <summary>
/// Reference data: a device model as districts' exports name it, with its category, maker and — for
/// Chromebooks — Google's published Auto Update Expiration. Admins maintain it.
/// </summary>
public sealed class DeviceModel
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>Upper-case name without punctuation, for matching "Dell Chromebook 3100" to "DELL CHROMEBOOK-3100".</summary>
    public string NormalizedName { get; private set; } = "";
    public required string Manufacturer { get; set; }
    public DeviceCategory Category { get; set; }
    public DateOnly? AueDate { get; set; }

    /// <summary>Price guide: what a working grade-A unit with a full update runway fetches; null uses the category's base.</summary>
    public decimal? BasePrice { get; set; }

    public void Normalize() => NormalizedName = NormalizeName(Name);

    /// <summary>
    /// The reference model for a device, whether the sheet says "Dell Chromebook 3100" in one column or
    /// "Dell" and "Chromebook 3100" in two.
    /// </summary>
    public static DeviceModel? Find(IReadOnlyDictionary<string, DeviceModel> byNormalizedName, string? manufacturer, string model) =>
        byNormalizedName.GetValueOrDefault(NormalizeName(model))
        ?? (manufacturer is null ? null : byNormalizedName.GetValueOrDefault(NormalizeName(manufacturer + model)));

    public static string[] CandidateNames(string? manufacturer, string model) =>
        manufacturer is null ? [NormalizeName(model)] : [NormalizeName(model), NormalizeName(manufacturer + model)];

    public static string NormalizeName(string name)
    {
        Span<char> buffer = stackalloc char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = char.ToUpperInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }
}
