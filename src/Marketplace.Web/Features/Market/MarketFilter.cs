using System.Globalization;
using System.Text;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Market;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Sales;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Web.Features.Market;

/// <summary>How the marketplace orders lots; the query string's <c>sort</c> value in brackets.</summary>
public enum MarketSort
{
    /// <summary>Listed most recently first (<c>newest</c>, the default).</summary>
    Newest,

    /// <summary>Closing soonest first; lots without a close (requests for quotes) last (<c>closing</c>).</summary>
    ClosingSoon,

    /// <summary>Most devices first (<c>quantity</c>).</summary>
    MostDevices,

    /// <summary>Fewest devices first (<c>fewest</c>).</summary>
    FewestDevices,

    /// <summary>Highest instant estimate first (<c>estimate</c>).</summary>
    HighestEstimate,
}

/// <summary>
/// The marketplace's filters and order, as they travel in the page's query string (so a search can be shared, bookmarked
/// or saved). Read with <see cref="From(IEnumerable{KeyValuePair{string, StringValues}})"/>, which keeps only values that
/// make sense and drops the rest: a filter is a question, and a malformed one is simply not asked.
/// </summary>
public sealed record MarketFilter
{
    public const int MaxTextLength = 100;
    public const int MaxMiles = 3000;
    public const int MaxClosingHours = 24 * 90;

    /// <summary>Closing-within choices the form offers, in hours, and their words.</summary>
    public static readonly IReadOnlyList<(int Hours, string Words)> ClosingChoices = [(6, "6 hours"), (24, "24 hours"), (72, "3 days"), (168, "7 days")];

    /// <summary>Distance choices the form offers, in miles.</summary>
    public static readonly IReadOnlyList<int> MilesChoices = [100, 250, 500, 1000];

    public static readonly IReadOnlyList<(MarketSort Sort, string Value, string Words)> SortChoices =
    [
        (MarketSort.Newest, "newest", "Newest"),
        (MarketSort.ClosingSoon, "closing", "Closing soon"),
        (MarketSort.MostDevices, "quantity", "Most devices"),
        (MarketSort.FewestDevices, "fewest", "Fewest devices"),
        (MarketSort.HighestEstimate, "estimate", "Highest estimate"),
    ];

    /// <summary>The district's state (USPS code).</summary>
    public string? State { get; init; }
    public CensusRegion? Region { get; init; }

    /// <summary>A five-digit ZIP code; with <see cref="Miles"/>, lots within that distance (see <see cref="UsGeography"/>).</summary>
    public string? Zip { get; init; }
    public int? Miles { get; init; }
    public DeviceCategory? Category { get; init; }
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public CosmeticGrade? Grade { get; init; }

    /// <summary>Every device with an AUE date has at least this many years of updates left.</summary>
    public int? MinYearsOfUpdates { get; init; }
    public int? MinDevices { get; init; }
    public int? MaxDevices { get; init; }
    public SaleMode? Mode { get; init; }

    /// <summary>Closes within this many hours from now.</summary>
    public int? ClosingWithinHours { get; init; }
    public MarketSort Sort { get; init; }

    public bool IsEmpty => ToQueryString(includeSort: false).Length == 0;

    /// <summary>The filters from a query string (the page's own, or a saved search's); unknown or malformed values are left out.</summary>
    public static MarketFilter From(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string? Text(string key) => values.TryGetValue(key, out var v) && v.Trim() is { Length: > 0 and <= MaxTextLength } t && !t.Any(char.IsControl) ? t : null;
        int? Number(string key, int min, int max) =>
            Text(key) is { } t && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;
        TEnum? Choice<TEnum>(string key) where TEnum : struct, Enum =>
            Text(key) is { } t && !char.IsDigit(t[0]) && Enum.TryParse<TEnum>(t, ignoreCase: true, out var e) && Enum.IsDefined(e) ? e : null;

        var min = Number("min", 0, 1_000_000);
        var max = Number("max", 0, 1_000_000);
        var zip = PublicIdentifiers.NormalizeZip(Text("zip")) is { } z ? z[..5] : null;
        var sort = Text("sort") is { } s ? SortChoices.FirstOrDefault(c => c.Value.Equals(s, StringComparison.OrdinalIgnoreCase)).Sort : MarketSort.Newest;
        return new MarketFilter
        {
            State = PublicIdentifiers.NormalizeState(Text("state")),
            Region = Choice<CensusRegion>("region"),
            Zip = zip,
            Miles = zip is null ? null : Number("miles", 1, MaxMiles),
            Category = Choice<DeviceCategory>("category"),
            Manufacturer = Text("manufacturer"),
            Model = Text("model"),
            Grade = Choice<CosmeticGrade>("grade"),
            MinYearsOfUpdates = Number("years", 1, 15),
            MinDevices = min,
            MaxDevices = max is { } m && (min is null || m >= min) ? m : null,
            Mode = Choice<SaleMode>("mode"),
            ClosingWithinHours = Number("closing", 1, MaxClosingHours),
            Sort = sort,
        };
    }

    public static MarketFilter Parse(string queryString) => From(QueryHelpers.ParseQuery(queryString));

    /// <summary>The filters as a query string without the leading "?" (empty when nothing is filtered); the page number is not part of it.</summary>
    public string ToQueryString(bool includeSort = true)
    {
        var parts = new List<(string, string?)>
        {
            ("state", State), ("region", Region?.ToString()), ("zip", Zip), ("miles", Zip is null ? null : Miles?.ToString(CultureInfo.InvariantCulture)),
            ("category", Category?.ToString()), ("manufacturer", Manufacturer), ("model", Model), ("grade", Grade?.ToString()),
            ("years", MinYearsOfUpdates?.ToString(CultureInfo.InvariantCulture)), ("min", MinDevices?.ToString(CultureInfo.InvariantCulture)),
            ("max", MaxDevices?.ToString(CultureInfo.InvariantCulture)), ("mode", Mode?.ToString()),
            ("closing", ClosingWithinHours?.ToString(CultureInfo.InvariantCulture)),
            ("sort", includeSort && Sort != MarketSort.Newest ? SortValue : null),
        };
        var text = new StringBuilder();
        foreach (var (key, value) in parts.Where(p => p.Item2 is not null))
        {
            text.Append(text.Length == 0 ? "" : "&").Append(key).Append('=').Append(Uri.EscapeDataString(value!));
        }

        return text.ToString();
    }

    public string SortValue => SortChoices.First(c => c.Sort == Sort).Value;

    /// <summary>The filters in words, for a saved search's e-mail and list: "Chromebook · grade A · WA".</summary>
    public string Describe()
    {
        var words = new List<string>();
        if (Category is { } category) words.Add(category.Words());
        if (Manufacturer is { } manufacturer) words.Add(manufacturer);
        if (Model is { } model) words.Add($"model “{model}”");
        if (Grade is { } grade) words.Add($"grade {grade}");
        if (MinYearsOfUpdates is { } years) words.Add($"{years}+ years of updates");
        if (MinDevices is { } min && MaxDevices is { } max) words.Add($"{min:N0}–{max:N0} devices");
        else if (MinDevices is { } least) words.Add($"at least {least:N0} devices");
        else if (MaxDevices is { } most) words.Add($"at most {most:N0} devices");
        if (Mode is { } mode) words.Add(mode.Words());
        if (ClosingWithinHours is { } hours) words.Add($"closing within {ClosingWords(hours)}");
        if (State is { } state) words.Add(state);
        if (Region is { } region) words.Add(region.ToString());
        if (Zip is { } zip) words.Add(Miles is { } miles ? $"within about {miles:N0} miles of {zip}" : $"near {zip}");
        return words.Count == 0 ? "All open lots" : string.Join(" · ", words);
    }

    public static string ClosingWords(int hours) =>
        ClosingChoices.FirstOrDefault(c => c.Hours == hours).Words ?? (hours % 24 == 0 ? $"{hours / 24} days" : $"{hours} hours");
}
