using System.Text.RegularExpressions;

namespace Marketplace.Web.Domain.Organizations;

/// <summary>
/// The public identifiers and address parts an organization signs up with, read the way US paperwork writes them.
/// Each <c>Normalize…</c> returns the one spelling the platform stores, or null when the value cannot be one.
/// </summary>
public static partial class PublicIdentifiers
{
    /// <summary>
    /// USPS codes of the states, DC and the territories with public schools, and their FIPS codes: an NCES ID starts with
    /// the FIPS code of its state, so a district in Washington has an ID starting 53.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> StateFips = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AL"] = "01", ["AK"] = "02", ["AZ"] = "04", ["AR"] = "05", ["CA"] = "06", ["CO"] = "08", ["CT"] = "09", ["DE"] = "10",
        ["DC"] = "11", ["FL"] = "12", ["GA"] = "13", ["HI"] = "15", ["ID"] = "16", ["IL"] = "17", ["IN"] = "18", ["IA"] = "19",
        ["KS"] = "20", ["KY"] = "21", ["LA"] = "22", ["ME"] = "23", ["MD"] = "24", ["MA"] = "25", ["MI"] = "26", ["MN"] = "27",
        ["MS"] = "28", ["MO"] = "29", ["MT"] = "30", ["NE"] = "31", ["NV"] = "32", ["NH"] = "33", ["NJ"] = "34", ["NM"] = "35",
        ["NY"] = "36", ["NC"] = "37", ["ND"] = "38", ["OH"] = "39", ["OK"] = "40", ["OR"] = "41", ["PA"] = "42", ["RI"] = "44",
        ["SC"] = "45", ["SD"] = "46", ["TN"] = "47", ["TX"] = "48", ["UT"] = "49", ["VT"] = "50", ["VA"] = "51", ["WA"] = "53",
        ["WV"] = "54", ["WI"] = "55", ["WY"] = "56", ["AS"] = "60", ["GU"] = "66", ["MP"] = "69", ["PR"] = "72", ["VI"] = "78",
    };

    // The IRS has never issued EINs with these two-digit prefixes.
    private static readonly HashSet<string> UnusedEinPrefixes = ["00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79", "89", "96", "97"];

    /// <summary>"911234567", "91-1234567" or "91 1234567" → "91-1234567"; null for anything else, or a prefix the IRS never issues.</summary>
    public static string? NormalizeEin(string? value)
    {
        var digits = Digits(value, allowed: "- ");
        return digits is { Length: 9 } && !UnusedEinPrefixes.Contains(digits[..2]) ? $"{digits[..2]}-{digits[2..]}" : null;
    }

    /// <summary>The two-letter USPS code in capitals, or null if it is not a state, DC or a territory.</summary>
    public static string? NormalizeState(string? value) =>
        value?.Trim().ToUpperInvariant() is { Length: 2 } code && StateFips.ContainsKey(code) ? code : null;

    /// <summary>"98038" or "98038-1234"; null otherwise.</summary>
    public static string? NormalizeZip(string? value) =>
        value?.Trim() is { } zip && ZipPattern().IsMatch(zip) ? zip : null;

    /// <summary>A ten-digit US number however it is punctuated (a leading 1 or +1 is dropped) → "425-555-0100"; null otherwise.</summary>
    public static string? NormalizePhone(string? value)
    {
        var digits = Digits(value, allowed: " ()-.+");
        if (digits is { Length: 11 } && digits[0] == '1')
        {
            digits = digits[1..];
        }

        return digits is { Length: 10 } && digits[0] is not ('0' or '1') ? $"{digits[..3]}-{digits[3..6]}-{digits[6..]}" : null;
    }

    /// <summary>The NCES ID of a public district (7 digits) or public school (12 digits: the district's 7, then 5), digits only.</summary>
    public static string? NormalizeNcesId(string? value, OrganizationKind kind)
    {
        var digits = Digits(value, allowed: " -");
        return (kind, digits?.Length) switch
        {
            (OrganizationKind.District, 7) => digits,
            (OrganizationKind.School, 12) => digits,
            _ => null,
        };
    }

    /// <summary>Whether an NCES ID belongs to the state of the address: its first two digits are the state's FIPS code.</summary>
    public static bool NcesIdIsInState(string ncesId, string state) =>
        StateFips.TryGetValue(state, out var fips) && ncesId.StartsWith(fips, StringComparison.Ordinal);

    /// <summary>How many digits a public organization of this kind's NCES ID has (0: it has none).</summary>
    public static int NcesIdLength(OrganizationKind kind) => kind switch
    {
        OrganizationKind.District => 7,
        OrganizationKind.School => 12,
        _ => 0,
    };

    // Digits only, or null when anything but digits and the allowed punctuation was typed.
    private static string? Digits(string? value, string allowed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var digits = new System.Text.StringBuilder(value.Length);
        foreach (var ch in value.Trim())
        {
            if (ch is >= '0' and <= '9')
            {
                digits.Append(ch);
            }
            else if (!allowed.Contains(ch, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return digits.ToString();
    }

    [GeneratedRegex(@"^\d{5}(-\d{4})?$")]
    private static partial Regex ZipPattern();
}
