using System.Collections.Concurrent;
using System.Numerics;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Organizations;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The catalog's facets, in the order the page shows them.</summary>
public enum CatalogFacet { Category, Manufacturer, Model, Grade, Ram, Storage, YearsLeft, Price, Warranty, Seller, Certification }

public enum CatalogSort { PriceLowToHigh, PriceHighToLow, MostUpdatesLeft, Newest }

/// <summary>A listing on sale as the catalog shows it: everything a card, a facet and a sort need.</summary>
public sealed record CatalogRow(Guid Id, string Title, DeviceCategory Category, string Manufacturer, string Model, string? Cpu, int RamGb, int StorageGb,
    decimal ScreenInches, CosmeticGrade Grade, FunctionalStatus Functional, int? BatteryHealthPercent, DateOnly? AueDate, decimal Price, int? Tier1MinQuantity,
    decimal? Tier1Price, int? Tier2MinQuantity, decimal? Tier2Price, int WarrantyMonths, int QuantityAvailable, DateTimeOffset CreatedAt, Guid SellerId,
    string Seller, IReadOnlyList<DocumentKind> SellerCertifications)
{
    public double? YearsLeft(DateOnly today) => AueYears.Left(AueDate, today);

    public decimal UnitPriceFor(int quantity) =>
        Tier2MinQuantity is { } t2 && quantity >= t2 && Tier2Price is { } p2 ? p2
        : Tier1MinQuantity is { } t1 && quantity >= t1 && Tier1Price is { } p1 ? p1
        : Price;

    /// <summary>The listing's first photo, shown as the card's thumbnail; null when it has none.</summary>
    public Guid? PhotoId { get; init; }

    /// <summary>"Dell Chromebook 3110" when the listing names its device, else its title.</summary>
    public string Device => Model.Length == 0 ? Title : Model.StartsWith(Manufacturer, StringComparison.OrdinalIgnoreCase) ? Model : $"{Manufacturer} {Model}";
}

/// <summary>
/// Every listing on sale, held in memory as facet bitsets and presorted orders, for one catalog stamp
/// (<see cref="CatalogRevision"/>) and one day (years of updates left and certifications depend on the date).
/// Facet counts are popcounts of bitset intersections, so they cost the same with 100 or 100,000 listings and never
/// scan the table; a page is a keyset seek in a presorted order. The stamp is checked on every request, so counts
/// always match the stored data.
/// </summary>
public sealed class CatalogIndex
{
    public static readonly (string Key, string Label, decimal Min, decimal Max)[] PriceBands =
    [
        ("0-100", "Under $100", 0m, 100m), ("100-200", "$100 to $199", 100m, 200m), ("200-300", "$200 to $299", 200m, 300m),
        ("300-500", "$300 to $499", 300m, 500m), ("500-", "$500 and up", 500m, decimal.MaxValue),
    ];

    /// <summary>Years-of-updates buckets, as "at least" choices.</summary>
    public static readonly (string Key, string Label, double Min)[] YearsLeftBands = [("1", "1+ years", 1), ("3", "3+ years", 3), ("5", "5+ years", 5)];

    private readonly CatalogRow[] _rows;
    private readonly int _words;
    private readonly Dictionary<CatalogFacet, FacetValues> _facets = [];
    private readonly Dictionary<CatalogSort, (int[] Order, long[] Keys)> _orders = [];
    private readonly ConcurrentDictionary<string, ulong[]> _searches = new(StringComparer.Ordinal);
    private readonly string[] _haystacks;

    public Guid Stamp { get; }
    public DateOnly Today { get; }
    public int Count => _rows.Length;

    public CatalogIndex(Guid stamp, DateOnly today, IReadOnlyList<CatalogRow> rows)
    {
        Stamp = stamp;
        Today = today;
        _rows = [.. rows];
        _words = (_rows.Length + 63) / 64;
        _haystacks = _rows.Select(r => $"{r.Title} {r.Manufacturer} {r.Model} {r.Cpu} {r.Seller}".ToUpperInvariant()).ToArray();

        Add(CatalogFacet.Category, r => [r.Category.ToString()], key => Enum.Parse<DeviceCategory>(key).Words(), ByEnum<DeviceCategory>());
        Add(CatalogFacet.Manufacturer, r => r.Manufacturer.Length == 0 ? [] : [r.Manufacturer], key => key, null);
        Add(CatalogFacet.Model, r => r.Model.Length == 0 ? [] : [r.Device], key => key, null);
        Add(CatalogFacet.Grade, r => [r.Grade.ToString()], key => $"Grade {key}", ByEnum<CosmeticGrade>());
        Add(CatalogFacet.Ram, r => r.RamGb > 0 ? [r.RamGb.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [], key => $"{key} GB", ByNumber);
        Add(CatalogFacet.Storage, r => r.StorageGb > 0 ? [r.StorageGb.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [], key => $"{key} GB", ByNumber);
        Add(CatalogFacet.YearsLeft, r => r.YearsLeft(today) is { } years ? YearsLeftBands.Where(b => years >= b.Min).Select(b => b.Key).ToArray() : [],
            key => YearsLeftBands.Single(b => b.Key == key).Label, ByNumber);
        Add(CatalogFacet.Price, r => [PriceBands.First(b => r.Price >= b.Min && r.Price < b.Max).Key],
            key => PriceBands.Single(b => b.Key == key).Label, key => Array.FindIndex(PriceBands, b => b.Key == key));
        Add(CatalogFacet.Warranty, r => [r.WarrantyMonths.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            key => key == "0" ? "No warranty" : $"{key} months", ByNumber);
        var sellerNames = _rows.GroupBy(r => r.SellerId).ToDictionary(g => g.Key.ToString("N"), g => g.First().Seller);
        Add(CatalogFacet.Seller, r => [r.SellerId.ToString("N")], key => sellerNames.GetValueOrDefault(key, key), null);
        Add(CatalogFacet.Certification, r => r.SellerCertifications.Count == 0 ? ["None"] : r.SellerCertifications.Select(c => c.ToString()).ToArray(),
            key => key == "None" ? "Not certified" : Enum.Parse<DocumentKind>(key).Words(), null);

        AddOrder(CatalogSort.PriceLowToHigh, r => (long)(r.Price * 100));
        AddOrder(CatalogSort.PriceHighToLow, r => -(long)(r.Price * 100));
        AddOrder(CatalogSort.MostUpdatesLeft, r => r.AueDate is { } aue ? -aue.DayNumber : long.MaxValue);
        AddOrder(CatalogSort.Newest, r => -r.CreatedAt.UtcTicks);
    }

    private static Func<string, double> ByEnum<TEnum>() where TEnum : struct, Enum => key => Convert.ToInt32(Enum.Parse<TEnum>(key), System.Globalization.CultureInfo.InvariantCulture);

    private static double ByNumber(string key) => double.Parse(key, System.Globalization.CultureInfo.InvariantCulture);

    private void Add(CatalogFacet facet, Func<CatalogRow, string[]> keysOf, Func<string, string> label, Func<string, double>? order)
    {
        var bits = new Dictionary<string, ulong[]>(StringComparer.OrdinalIgnoreCase);
        var keys = new List<string>();
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var valueOf = new int[_rows.Length];
        var singleValued = true;
        for (var i = 0; i < _rows.Length; i++)
        {
            var rowKeys = keysOf(_rows[i]);
            singleValued &= rowKeys.Length == 1;
            foreach (var key in rowKeys)
            {
                if (!bits.TryGetValue(key, out var set))
                {
                    bits[key] = set = new ulong[_words];
                    positions[key] = keys.Count;
                    keys.Add(key);
                }

                set[i >> 6] |= 1UL << (i & 63);
                valueOf[i] = positions[key];
            }
        }

        // Each value's count over every listing, and for a facet of one value a row each row's value: a count under a
        // filter then walks the filter's set bits once instead of intersecting every value's bitset (200 sellers).
        var totals = keys.ToDictionary(k => k, k => PopCount(bits[k]), StringComparer.OrdinalIgnoreCase);
        _facets[facet] = new FacetValues(bits, label, order, [.. keys], totals, singleValued && keys.Count > 8 ? valueOf : null);
    }

    /// <summary>How many rows of <paramref name="basis"/> (all rows when null) hold each value of the facet.</summary>
    private Dictionary<string, int> CountValues(FacetValues values, ulong[]? basis)
    {
        if (basis is null)
        {
            return values.Totals;
        }

        var counts = new Dictionary<string, int>(values.Keys.Length, StringComparer.OrdinalIgnoreCase);
        if (values.ValueOf is { } valueOf)
        {
            var perValue = new int[values.Keys.Length];
            for (var w = 0; w < basis.Length; w++)
            {
                var word = basis[w];
                while (word != 0)
                {
                    perValue[valueOf[(w << 6) + BitOperations.TrailingZeroCount(word)]]++;
                    word &= word - 1;
                }
            }

            for (var v = 0; v < perValue.Length; v++)
            {
                counts[values.Keys[v]] = perValue[v];
            }
        }
        else
        {
            foreach (var key in values.Keys)
            {
                counts[key] = PopCountAnd(basis, values.Bits[key]);
            }
        }

        return counts;
    }

    private void AddOrder(CatalogSort sort, Func<CatalogRow, long> key)
    {
        var keys = _rows.Select(key).ToArray();
        var order = Enumerable.Range(0, _rows.Length).ToArray();
        Array.Sort(order, (a, b) => Compare(keys[a], _rows[a].Id, keys[b], _rows[b].Id));
        var sortedKeys = order.Select(i => keys[i]).ToArray();
        _orders[sort] = (order, sortedKeys);
    }

    private static int Compare(long keyA, Guid idA, long keyB, Guid idB)
    {
        var byKey = keyA.CompareTo(keyB);
        return byKey != 0 ? byKey : idA.CompareTo(idB);
    }

    /// <summary>The facet counts for a filter (each facet counted with every other facet's selection applied), one page and the total.</summary>
    public CatalogPage Query(CatalogFilter filter, CatalogSort sort, CatalogCursor? cursor, int pageSize)
    {
        var selections = new Dictionary<CatalogFacet, ulong[]>();
        foreach (var (facet, keys) in filter.Selected)
        {
            if (keys.Count > 0)
            {
                var union = new ulong[_words];
                foreach (var key in keys)
                {
                    if (_facets[facet].Bits.TryGetValue(key, out var set))
                    {
                        Or(union, set);
                    }
                }

                selections[facet] = union;
            }
        }

        var search = Search(filter.Search);
        var all = Intersect(selections.Values, search);
        var facets = new List<FacetCounts>();
        foreach (var (facet, values) in _facets)
        {
            var basis = selections.ContainsKey(facet) ? Intersect(selections.Where(s => s.Key != facet).Select(s => s.Value), search) : all;
            var selected = filter.Selected.GetValueOrDefault(facet) ?? [];
            var byValue = CountValues(values, basis);
            var counts = values.Keys
                .Select(key => (Key: key, Count: byValue[key], Selected: selected.Contains(key, StringComparer.OrdinalIgnoreCase)))
                .Where(v => v.Count > 0 || v.Selected)
                .Select(v => new FacetValueCount(v.Key, values.Label(v.Key), v.Count, v.Selected));
            counts = values.Order is { } order ? counts.OrderBy(v => order(v.Key)) : counts.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.OrdinalIgnoreCase);
            facets.Add(new FacetCounts(facet, counts.ToList()));
        }

        var total = all is null ? _rows.Length : PopCount(all);
        var (rows, previous, next) = Page(all, sort, cursor, pageSize);
        return new CatalogPage(facets, rows, total, previous, next);
    }

    /// <summary>Listings matching a filter in sort order, for class sets (every match, not one page).</summary>
    public IEnumerable<CatalogRow> Matching(CatalogFilter filter, CatalogSort sort)
    {
        var selections = filter.Selected.Where(s => s.Value.Count > 0).Select(s =>
        {
            var union = new ulong[_words];
            foreach (var key in s.Value)
            {
                if (_facets[s.Key].Bits.TryGetValue(key, out var set))
                {
                    Or(union, set);
                }
            }

            return union;
        }).ToList();
        var all = Intersect(selections, Search(filter.Search));
        foreach (var i in _orders[sort].Order)
        {
            if (all is null || IsSet(all, i))
            {
                yield return _rows[i];
            }
        }
    }

    private (IReadOnlyList<CatalogRow> Rows, CatalogCursor? Previous, CatalogCursor? Next) Page(ulong[]? all, CatalogSort sort, CatalogCursor? cursor, int pageSize)
    {
        var (order, keys) = _orders[sort];
        var picked = new List<int>(pageSize + 1);
        if (cursor is { Before: true } before)
        {
            // Walk back from the first row at or after the cursor, then show the rows in order.
            for (var p = LowerBound(order, keys, before.Key, before.Id) - 1; p >= 0 && picked.Count <= pageSize; p--)
            {
                if (all is null || IsSet(all, order[p]))
                {
                    picked.Add(p);
                }
            }

            var hasPrevious = picked.Count > pageSize;
            var positions = picked.Take(pageSize).Reverse().ToList();
            return (positions.Select(p => _rows[order[p]]).ToList(),
                hasPrevious && positions.Count > 0 ? CursorAt(order, keys, positions[0], before: true) : null,
                positions.Count > 0 ? CursorAt(order, keys, positions[^1], before: false) : null);
        }

        var start = cursor is { } after ? UpperBound(order, keys, after.Key, after.Id) : 0;
        for (var p = start; p < order.Length && picked.Count <= pageSize; p++)
        {
            if (all is null || IsSet(all, order[p]))
            {
                picked.Add(p);
            }
        }

        var hasNext = picked.Count > pageSize;
        var shown = picked.Take(pageSize).ToList();
        return (shown.Select(p => _rows[order[p]]).ToList(),
            cursor is not null && shown.Count > 0 ? CursorAt(order, keys, shown[0], before: true) : null,
            hasNext ? CursorAt(order, keys, shown[^1], before: false) : null);
    }

    private CatalogCursor CursorAt(int[] order, long[] keys, int position, bool before) => new(keys[position], _rows[order[position]].Id, before);

    /// <summary>First position whose (key, id) is greater than the cursor's.</summary>
    private int UpperBound(int[] order, long[] keys, long key, Guid id)
    {
        int lo = 0, hi = order.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Compare(keys[mid], _rows[order[mid]].Id, key, id) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>First position whose (key, id) is at least the cursor's.</summary>
    private int LowerBound(int[] order, long[] keys, long key, Guid id)
    {
        int lo = 0, hi = order.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Compare(keys[mid], _rows[order[mid]].Id, key, id) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private ulong[]? Search(string? text)
    {
        var terms = (text ?? "").ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (terms.Length == 0)
        {
            return null;
        }

        var key = string.Join(' ', terms);
        if (_searches.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var set = new ulong[_words];
        for (var i = 0; i < _haystacks.Length; i++)
        {
            if (terms.All(t => _haystacks[i].Contains(t, StringComparison.Ordinal)))
            {
                set[i >> 6] |= 1UL << (i & 63);
            }
        }

        // A handful of recent searches per stamp; the index is replaced when the stamp changes.
        if (_searches.Count < 256)
        {
            _searches.TryAdd(key, set);
        }

        return set;
    }

    private static ulong[]? Intersect(IEnumerable<ulong[]> sets, ulong[]? search)
    {
        ulong[]? result = null;
        foreach (var set in search is null ? sets : sets.Append(search))
        {
            if (result is null)
            {
                result = (ulong[])set.Clone();
            }
            else
            {
                for (var w = 0; w < result.Length; w++)
                {
                    result[w] &= set[w];
                }
            }
        }

        return result;
    }

    private static void Or(ulong[] into, ulong[] set)
    {
        for (var w = 0; w < into.Length; w++)
        {
            into[w] |= set[w];
        }
    }

    private static bool IsSet(ulong[] set, int i) => (set[i >> 6] & (1UL << (i & 63))) != 0;

    private static int PopCount(ulong[] set)
    {
        var count = 0;
        foreach (var word in set)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    private static int PopCountAnd(ulong[] a, ulong[] b)
    {
        var count = 0;
        for (var w = 0; w < a.Length; w++)
        {
            count += BitOperations.PopCount(a[w] & b[w]);
        }

        return count;
    }

    private sealed record FacetValues(Dictionary<string, ulong[]> Bits, Func<string, string> Label, Func<string, double>? Order, string[] Keys,
        Dictionary<string, int> Totals, int[]? ValueOf);
}

/// <summary>What the buyer picked: per facet the values (any of them matches), facets combined with "and", and words to search.</summary>
public sealed record CatalogFilter(IReadOnlyDictionary<CatalogFacet, IReadOnlyList<string>> Selected, string? Search)
{
    public static readonly CatalogFilter None = new(new Dictionary<CatalogFacet, IReadOnlyList<string>>(), null);
}

/// <summary>A keyset position: the sort key and id of the row a page ends (or, with Before, starts) at.</summary>
public sealed record CatalogCursor(long Key, Guid Id, bool Before)
{
    public override string ToString() => $"{Key.ToString(System.Globalization.CultureInfo.InvariantCulture)}_{Id:N}";

    public static CatalogCursor? Parse(string? text, bool before)
    {
        var parts = (text ?? "").Split('_');
        return parts.Length == 2 && long.TryParse(parts[0], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var key)
               && Guid.TryParseExact(parts[1], "N", out var id)
            ? new CatalogCursor(key, id, before)
            : null;
    }
}

public sealed record FacetValueCount(string Key, string Label, int Count, bool Selected);

public sealed record FacetCounts(CatalogFacet Facet, IReadOnlyList<FacetValueCount> Values);

public sealed record CatalogPage(IReadOnlyList<FacetCounts> Facets, IReadOnlyList<CatalogRow> Rows, int Total, CatalogCursor? Previous, CatalogCursor? Next);

/// <summary>Keeps the catalog index of this instance current: rebuilt when the stored stamp or the day changes, at most one build at a time.</summary>
public sealed class CatalogIndexCache
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile CatalogIndex? _current;

    public async Task<CatalogIndex> CurrentAsync(MarketplaceDb db, DateOnly today, CancellationToken cancellationToken)
    {
        var stamp = await db.CatalogRevisions.AsNoTracking().Where(r => r.Id == CatalogRevision.SingletonId).Select(r => r.Stamp).SingleAsync(cancellationToken);
        if (_current is { } index && index.Stamp == stamp && index.Today == today)
        {
            return index;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } built && built.Stamp == stamp && built.Today == today)
            {
                return built;
            }

            // Rows are read after the stamp, so the index is at least as new as the stamp it is filed under.
            _current = new CatalogIndex(stamp, today, await ReadRowsAsync(db, today, cancellationToken));
            return _current;
        }
        finally
        {
            _building.Release();
        }
    }

    private static async Task<List<CatalogRow>> ReadRowsAsync(MarketplaceDb db, DateOnly today, CancellationToken cancellationToken)
    {
        var certifications = (await db.CurrentCertifications(today).Select(c => new { c.OrganizationId, c.Kind }).ToListAsync(cancellationToken))
            .GroupBy(c => c.OrganizationId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DocumentKind>)g.Select(c => c.Kind).Distinct().Order().ToList());
        var rows = await db.Listings.AsNoTracking().Where(l => l.IsActive && l.QuantityAvailable > 0)
            .Join(db.Organizations, l => l.SellerId, o => o.Id, (l, o) => new
            {
                l.Id, l.Title, l.Category, l.Manufacturer, l.Model, l.Cpu, l.RamGb, l.StorageGb, l.ScreenInches, l.Grade, l.Functional, l.BatteryHealthPercent,
                l.AueDate, l.Price, l.Tier1MinQuantity, l.Tier1Price, l.Tier2MinQuantity, l.Tier2Price, l.WarrantyMonths, l.QuantityAvailable, l.CreatedAt,
                l.SellerId, Seller = o.Name,
            })
            .ToListAsync(cancellationToken);
        var photos = (await db.ListingPhotos.AsNoTracking().Select(p => new { p.ListingId, p.Id, p.UploadedAt }).ToListAsync(cancellationToken))
            .GroupBy(p => p.ListingId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.UploadedAt).ThenBy(p => p.Id).First().Id);
        return rows.Select(r => new CatalogRow(r.Id, r.Title, r.Category, r.Manufacturer, r.Model, r.Cpu, r.RamGb, r.StorageGb, r.ScreenInches, r.Grade,
            r.Functional, r.BatteryHealthPercent, r.AueDate, r.Price, r.Tier1MinQuantity, r.Tier1Price, r.Tier2MinQuantity, r.Tier2Price, r.WarrantyMonths,
            r.QuantityAvailable, r.CreatedAt, r.SellerId, r.Seller, certifications.GetValueOrDefault(r.SellerId, []))
        {
            PhotoId = photos.TryGetValue(r.Id, out var photo) ? photo : null,
        }).ToList();
    }
}
