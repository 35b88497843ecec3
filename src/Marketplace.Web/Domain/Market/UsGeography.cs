namespace Marketplace.Web.Domain.Market;

/// <summary>US Census Bureau regions, which buyers use to say "lots in the Midwest".</summary>
public enum CensusRegion { Northeast, Midwest, South, West }

/// <summary>
/// Enough US geography to filter lots by "how far from my ZIP", with no geocoder and no network.
/// <para>
/// <b>What it is, honestly:</b> a ZIP code is placed in its state by its first three digits (USPS sectional-center
/// prefixes), and a lot is placed in its district's state. Distance is the great-circle distance between the two states'
/// approximate geographic centers (rounded to a tenth of a degree). So "within 300 miles of 98101" means "in a state whose
/// center is within 300 miles of Washington's center", which always includes the ZIP's own state whatever its size: a lot
/// 400 miles away in the same state counts as 0 miles, and a lot just across a state line may count as farther than it
/// is. Good for "nearby states" on a pallet-pickup scale; not a driving distance. A ZIP3 or district-coordinates table
/// would make it finer without changing the callers.
/// </para>
/// </summary>
public static class UsGeography
{
    public const double EarthRadiusMiles = 3958.8;

    /// <summary>Approximate geographic centers (latitude, longitude) of the states and DC.</summary>
    public static readonly IReadOnlyDictionary<string, (double Lat, double Lon)> StateCenters = new Dictionary<string, (double, double)>(StringComparer.Ordinal)
    {
        ["AL"] = (32.8, -86.8), ["AK"] = (64.7, -152.3), ["AZ"] = (34.3, -111.7), ["AR"] = (34.9, -92.4), ["CA"] = (37.2, -119.4),
        ["CO"] = (39.0, -105.5), ["CT"] = (41.6, -72.7), ["DE"] = (39.0, -75.5), ["DC"] = (38.9, -77.0), ["FL"] = (28.6, -82.4),
        ["GA"] = (32.7, -83.4), ["HI"] = (20.8, -156.3), ["ID"] = (44.4, -114.6), ["IL"] = (40.0, -89.2), ["IN"] = (39.9, -86.3),
        ["IA"] = (42.1, -93.5), ["KS"] = (38.5, -98.4), ["KY"] = (37.5, -85.3), ["LA"] = (31.1, -92.0), ["ME"] = (45.4, -69.2),
        ["MD"] = (39.0, -76.8), ["MA"] = (42.3, -71.8), ["MI"] = (44.3, -85.4), ["MN"] = (46.3, -94.3), ["MS"] = (32.7, -89.7),
        ["MO"] = (38.4, -92.5), ["MT"] = (47.0, -109.6), ["NE"] = (41.5, -99.8), ["NV"] = (39.3, -116.6), ["NH"] = (43.7, -71.6),
        ["NJ"] = (40.2, -74.7), ["NM"] = (34.4, -106.1), ["NY"] = (42.9, -75.5), ["NC"] = (35.6, -79.4), ["ND"] = (47.5, -100.5),
        ["OH"] = (40.3, -82.8), ["OK"] = (35.6, -97.5), ["OR"] = (43.9, -120.6), ["PA"] = (40.9, -77.8), ["RI"] = (41.7, -71.5),
        ["SC"] = (33.9, -80.9), ["SD"] = (44.4, -100.2), ["TN"] = (35.9, -86.4), ["TX"] = (31.5, -99.3), ["UT"] = (39.3, -111.7),
        ["VT"] = (44.1, -72.7), ["VA"] = (37.5, -78.9), ["WA"] = (47.4, -120.5), ["WV"] = (38.6, -80.6), ["WI"] = (44.6, -89.9),
        ["WY"] = (43.0, -107.5), ["PR"] = (18.2, -66.5),
    };

    public static readonly IReadOnlyDictionary<CensusRegion, string[]> Regions = new Dictionary<CensusRegion, string[]>
    {
        [CensusRegion.Northeast] = ["CT", "ME", "MA", "NH", "RI", "VT", "NJ", "NY", "PA"],
        [CensusRegion.Midwest] = ["IL", "IN", "MI", "OH", "WI", "IA", "KS", "MN", "MO", "NE", "ND", "SD"],
        [CensusRegion.South] = ["DE", "DC", "FL", "GA", "MD", "NC", "SC", "VA", "WV", "AL", "KY", "MS", "TN", "AR", "LA", "OK", "TX"],
        [CensusRegion.West] = ["AZ", "CO", "ID", "MT", "NV", "NM", "UT", "WY", "AK", "CA", "HI", "OR", "WA"],
    };

    /// <summary>USPS three-digit ZIP prefixes by state (inclusive ranges); military and unassigned prefixes are left out.</summary>
    private static readonly (int From, int To, string State)[] ZipPrefixes =
    [
        (5, 5, "NY"), (6, 7, "PR"), (9, 9, "PR"), (10, 27, "MA"), (28, 29, "RI"), (30, 38, "NH"), (39, 49, "ME"), (50, 54, "VT"), (55, 55, "MA"),
        (56, 59, "VT"), (60, 69, "CT"), (70, 89, "NJ"), (100, 149, "NY"), (150, 196, "PA"), (197, 199, "DE"), (200, 200, "DC"), (201, 201, "VA"),
        (202, 205, "DC"), (206, 219, "MD"), (220, 246, "VA"), (247, 268, "WV"), (270, 289, "NC"), (290, 299, "SC"), (300, 319, "GA"),
        (320, 339, "FL"), (341, 349, "FL"), (350, 369, "AL"), (370, 385, "TN"), (386, 397, "MS"), (398, 399, "GA"), (400, 427, "KY"),
        (430, 459, "OH"), (460, 479, "IN"), (480, 499, "MI"), (500, 528, "IA"), (530, 549, "WI"), (550, 567, "MN"), (569, 569, "DC"),
        (570, 577, "SD"), (580, 588, "ND"), (590, 599, "MT"), (600, 629, "IL"), (630, 658, "MO"), (660, 679, "KS"), (680, 693, "NE"),
        (700, 714, "LA"), (716, 729, "AR"), (730, 732, "OK"), (733, 733, "TX"), (734, 749, "OK"), (750, 799, "TX"), (800, 816, "CO"),
        (820, 831, "WY"), (832, 838, "ID"), (840, 847, "UT"), (850, 865, "AZ"), (870, 884, "NM"), (885, 885, "TX"), (889, 898, "NV"),
        (900, 961, "CA"), (967, 968, "HI"), (970, 979, "OR"), (980, 994, "WA"), (995, 999, "AK"),
    ];

    /// <summary>The state a five-digit ZIP code belongs to, by its first three digits; null for a malformed or unassigned one.</summary>
    public static string? StateOfZip(string? zip)
    {
        if (zip is not { Length: >= 3 } || !int.TryParse(zip.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix))
        {
            return null;
        }

        foreach (var (from, to, state) in ZipPrefixes)
        {
            if (prefix >= from && prefix <= to)
            {
                return state;
            }
        }

        return null;
    }

    /// <summary>Great-circle miles between two states' centers (see the class remarks for what that approximates).</summary>
    public static double MilesBetweenStates(string from, string to)
    {
        if (from == to)
        {
            return 0;
        }

        var (a, b) = (StateCenters[from], StateCenters[to]);
        var (lat1, lat2) = (Radians(a.Lat), Radians(b.Lat));
        var dLat = lat2 - lat1;
        var dLon = Radians(b.Lon - a.Lon);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMiles * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The states counted as within <paramref name="miles"/> of <paramref name="zip"/> (its own state always), or null for an unknown ZIP.</summary>
    public static IReadOnlyList<string>? StatesWithin(string zip, int miles) =>
        StateOfZip(zip) is { } home && StateCenters.ContainsKey(home)
            ? StateCenters.Keys.Where(state => MilesBetweenStates(home, state) <= miles).Order(StringComparer.Ordinal).ToList()
            : null;

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
