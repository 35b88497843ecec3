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
/// Every listing on sale, held in memory as facet bitsets and presorted orders, for one catalog stamp and sequence
/// (<see cref="CatalogRevision"/>) and one day (years of updates left and certifications depend on the date).
/// Facet counts are popcounts of bitset intersections, so they cost the same with 100 or 100,000 listings and never
/// scan the table; a page is a keyset seek in a presorted order. The revision is checked on every request, so counts
/// always match the stored data. A change to a few listings (a checkout, a paused listing) is applied to a copy of the
/// index (<see cref="With"/>) instead of reading and sorting every listing again, so the request that notices a sale
/// does not wait seconds for a full build.
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

    /// <summary>Beyond this many changed listings, a fresh build from the rows in memory is cheaper than inserting each into the orders.</summary>
    private const int LargestDelta = 1_000;

    private static readonly CatalogFacet[] Facets = Enum.GetValues<CatalogFacet>();
    private static readonly CatalogSort[] Sorts = Enum.GetValues<CatalogSort>();

    // By position. A listing keeps its position while it is on sale; a position it leaves stays empty (null) until the
    // next full build, and new listings take positions from the spare room left at the end.
    private readonly CatalogRow?[] _rows;
    private readonly string?[] _haystacks;
    private readonly Dictionary<Guid, int> _positions;
    private readonly int _used;
    private readonly int _words;
    private readonly Dictionary<CatalogFacet, FacetValues> _facets = [];
    private readonly Dictionary<CatalogSort, (int[] Order, long[] Keys)> _orders = [];
    private readonly Dictionary<string, string> _sellerNames;
    private readonly ConcurrentDictionary<string, ulong[]> _searches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CatalogPage> _pages = new(StringComparer.Ordinal);

    public Guid Stamp { get; }

    /// <summary>The catalog sequence this index includes every listing change up to.</summary>
    public long Sequence { get; }

    public DateOnly Today { get; }

    public int Count => _positions.Count;

    public CatalogIndex(Guid stamp, DateOnly today, IReadOnlyList<CatalogRow> rows, long sequence = 0)
    {
        Stamp = stamp;
        Today = today;
        Sequence = sequence;
        // Room for the listings created until the next full build (a new stamp, or the next day).
        var capacity = rows.Count + Math.Max(256, rows.Count / 8);
        _rows = new CatalogRow?[capacity];
        _haystacks = new string?[capacity];
        _positions = new Dictionary<Guid, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            _rows[i] = rows[i];
            _haystacks[i] = Haystack(rows[i]);
            _positions[rows[i].Id] = i;
        }

        _used = rows.Count;
        _words = (capacity + 63) / 64;
        _sellerNames = rows.GroupBy(r => r.SellerId).ToDictionary(g => g.Key.ToString("N"), g => g.First().Seller);
        foreach (var facet in Facets)
        {
            _facets[facet] = Build(facet);
        }

        foreach (var sort in Sorts)
        {
            var keys = new long[rows.Count];
            var order = new int[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                keys[i] = SortKey(sort, rows[i]);
                order[i] = i;
            }

            Array.Sort(order, (a, b) => Compare(keys[a], rows[a].Id, keys[b], rows[b].Id));
            _orders[sort] = (order, order.Select(i => keys[i]).ToArray());
        }
    }

    /// <summary>A copy of <paramref name="previous"/> with some listings placed, replaced or taken out.</summary>
    private CatalogIndex(CatalogIndex previous, IReadOnlyCollection<CatalogRow> onSale, IReadOnlyCollection<Guid> gone, long sequence)
    {
        Stamp = previous.Stamp;
        Today = previous.Today;
        Sequence = sequence;
        _words = previous._words;
        _rows = (CatalogRow?[])previous._rows.Clone();
        _haystacks = (string?[])previous._haystacks.Clone();
        _positions = new Dictionary<Guid, int>(previous._positions);
        _sellerNames = new Dictionary<string, string>(previous._sellerNames);
        foreach (var (facet, values) in previous._facets)
        {
            _facets[facet] = values.Copy();
        }

        var touched = new HashSet<int>();
        foreach (var id in gone)
        {
            if (_positions.Remove(id, out var position))
            {
                Place(position, null);
                touched.Add(position);
            }
        }

        var used = previous._used;
        foreach (var row in onSale)
        {
            if (!_positions.TryGetValue(row.Id, out var position))
            {
                position = used++;
                _positions[row.Id] = position;
            }

            _sellerNames[row.SellerId.ToString("N")] = row.Seller;
            Place(position, row);
            touched.Add(position);
        }

        _used = used;
        foreach (var (sort, (order, keys)) in previous._orders)
        {
            _orders[sort] = Reordered(sort, order, keys, touched);
        }
    }

    /// <summary>
    /// This index with <paramref name="onSale"/> placed (new listings, or new prices, stock and details of known ones)
    /// and the listings of <paramref name="gone"/> (paused, sold out) taken out, as of <paramref name="sequence"/>.
    /// The index itself does not change: requests reading it meanwhile keep a consistent view.
    /// </summary>
    public CatalogIndex With(IReadOnlyCollection<CatalogRow> onSale, IReadOnlyCollection<Guid> gone, long sequence)
    {
        var added = onSale.Count(r => !_positions.ContainsKey(r.Id));
        if (_used + added > _rows.Length || onSale.Count + gone.Count > LargestDelta || !KeepsOneValuePerRow(onSale))
        {
            var changed = onSale.Select(r => r.Id).Concat(gone).ToHashSet();
            var rows = _rows.Take(_used).OfType<CatalogRow>().Where(r => !changed.Contains(r.Id)).Concat(onSale).ToList();
            return new CatalogIndex(Stamp, Today, rows, sequence);
        }

        return new CatalogIndex(this, onSale, gone, sequence);
    }

    /// <summary>The facet values of a row: one for most facets, none or several for some (years-left bands, certifications).</summary>
    private static string[] KeysOf(CatalogFacet facet, CatalogRow r, DateOnly today) => facet switch
    {
        CatalogFacet.Category => [r.Category.ToString()],
        CatalogFacet.Manufacturer => r.Manufacturer.Length == 0 ? [] : [r.Manufacturer],
        CatalogFacet.Model => r.Model.Length == 0 ? [] : [r.Device],
        CatalogFacet.Grade => [r.Grade.ToString()],
        CatalogFacet.Ram => r.RamGb > 0 ? [r.RamGb.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [],
        CatalogFacet.Storage => r.StorageGb > 0 ? [r.StorageGb.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [],
        CatalogFacet.YearsLeft => r.YearsLeft(today) is { } years ? YearsLeftBands.Where(b => years >= b.Min).Select(b => b.Key).ToArray() : [],
        CatalogFacet.Price => [PriceBands.First(b => r.Price >= b.Min && r.Price < b.Max).Key],
        CatalogFacet.Warranty => [r.WarrantyMonths.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        CatalogFacet.Seller => [r.SellerId.ToString("N")],
        CatalogFacet.Certification => r.SellerCertifications.Count == 0 ? ["None"] : r.SellerCertifications.Select(c => c.ToString()).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(facet)),
    };

    private string Label(CatalogFacet facet, string key) => facet switch
    {
        CatalogFacet.Category => Enum.Parse<DeviceCategory>(key).Words(),
        CatalogFacet.Grade => $"Grade {key}",
        CatalogFacet.Ram or CatalogFacet.Storage => $"{key} GB",
        CatalogFacet.YearsLeft => YearsLeftBands.Single(b => b.Key == key).Label,
        CatalogFacet.Price => PriceBands.Single(b => b.Key == key).Label,
        CatalogFacet.Warranty => key == "0" ? "No warranty" : $"{key} months",
        CatalogFacet.Seller => _sellerNames.GetValueOrDefault(key, key),
        CatalogFacet.Certification => key == "None" ? "Not certified" : Enum.Parse<DocumentKind>(key).Words(),
        _ => key,
    };

    /// <summary>Facets whose values read as a scale (grades, sizes, bands); the others show the most common value first.</summary>
    private static bool IsScale(CatalogFacet facet) => facet is not (CatalogFacet.Manufacturer or CatalogFacet.Model or CatalogFacet.Seller or CatalogFacet.Certification);

    private static double OrderOf(CatalogFacet facet, string key) => facet switch
    {
        CatalogFacet.Category => (int)Enum.Parse<DeviceCategory>(key),
        CatalogFacet.Grade => (int)Enum.Parse<CosmeticGrade>(key),
        CatalogFacet.Ram or CatalogFacet.Storage or CatalogFacet.YearsLeft or CatalogFacet.Warranty => double.Parse(key, System.Globalization.CultureInfo.InvariantCulture),
        CatalogFacet.Price => Array.FindIndex(PriceBands, b => b.Key == key),
        _ => 0,
    };

    private static long SortKey(CatalogSort sort, CatalogRow r) => sort switch
    {
        CatalogSort.PriceLowToHigh => (long)(r.Price * 100),
        CatalogSort.PriceHighToLow => -(long)(r.Price * 100),
        CatalogSort.MostUpdatesLeft => r.AueDate is { } aue ? -aue.DayNumber : long.MaxValue,
        CatalogSort.Newest => -r.CreatedAt.UtcTicks,
        _ => throw new ArgumentOutOfRangeException(nameof(sort)),
    };

    private static string Haystack(CatalogRow r) => $"{r.Title} {r.Manufacturer} {r.Model} {r.Cpu} {r.Seller}".ToUpperInvariant();

    private FacetValues Build(CatalogFacet facet)
    {
        var values = new FacetValues(new Dictionary<string, ulong[]>(StringComparer.OrdinalIgnoreCase), [],
            new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase), new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase), null);
        var valueOf = new int[_rows.Length];
        var singleValued = true;
        for (var i = 0; i < _used; i++)
        {
            var rowKeys = KeysOf(facet, _rows[i]!, Today);
            singleValued &= rowKeys.Length == 1;
            foreach (var key in rowKeys)
            {
                valueOf[i] = values.Set(key, i, _words);
            }
        }

        // For a facet of one value a row and many values (200 sellers), each row's value: a count under a filter then
        // walks the filter's set bits once instead of intersecting every value's bitset.
        return singleValued && values.Keys.Count > 8 ? values with { ValueOf = valueOf } : values;
    }

    /// <summary>Whether every facet counted through each row's one value still has exactly one value for each changed row.</summary>
    private bool KeepsOneValuePerRow(IEnumerable<CatalogRow> rows) =>
        _facets.Where(f => f.Value.ValueOf is not null).All(f => rows.All(r => KeysOf(f.Key, r, Today).Length == 1));

    /// <summary>Moves the row at <paramref name="position"/> to <paramref name="row"/>'s facet values (null: takes it out).</summary>
    private void Place(int position, CatalogRow? row)
    {
        var old = _rows[position];
        foreach (var facet in Facets)
        {
            var values = _facets[facet];
            var before = old is null ? [] : KeysOf(facet, old, Today);
            var after = row is null ? [] : KeysOf(facet, row, Today);
            foreach (var key in before.Except(after, StringComparer.OrdinalIgnoreCase))
            {
                values.Clear(key, position);
            }

            foreach (var key in after.Except(before, StringComparer.OrdinalIgnoreCase))
            {
                values.Set(key, position, _words);
            }

            if (values.ValueOf is { } valueOf && row is not null)
            {
                valueOf[position] = values.Positions[after[0]];
            }
        }

        _rows[position] = row;
        _haystacks[position] = row is null ? null : Haystack(row);
    }

    /// <summary>An order without the touched positions, then each touched row still on sale inserted where its key falls.</summary>
    private (int[] Order, long[] Keys) Reordered(CatalogSort sort, int[] order, long[] keys, HashSet<int> touched)
    {
        var positions = new List<int>(order.Length + touched.Count);
        var sortKeys = new List<long>(order.Length + touched.Count);
        for (var i = 0; i < order.Length; i++)
        {
            if (!touched.Contains(order[i]))
            {
                positions.Add(order[i]);
                sortKeys.Add(keys[i]);
            }
        }

        foreach (var position in touched)
        {
            if (_rows[position] is { } row)
            {
                var key = SortKey(sort, row);
                var at = Bound(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(positions), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sortKeys), key, row.Id, inclusive: false);
                positions.Insert(at, position);
                sortKeys.Insert(at, key);
            }
        }

        return ([.. positions], [.. sortKeys]);
    }

    private static int Compare(long keyA, Guid idA, long keyB, Guid idB)
    {
        var byKey = keyA.CompareTo(keyB);
        return byKey != 0 ? byKey : idA.CompareTo(idB);
    }

    /// <summary>
    /// The facet counts for a filter (each facet counted with every other facet's selection applied), one page and the total.
    /// The index never changes, so the answer for the same filter, sort and position is kept with it: the catalog's
    /// landing page and the filters buyers share with their business office are asked for over and over.
    /// </summary>
    public CatalogPage Query(CatalogFilter filter, CatalogSort sort, CatalogCursor? cursor, int pageSize)
    {
        var key = PageKey(filter, sort, cursor, pageSize);
        if (_pages.TryGetValue(key, out var kept))
        {
            return kept;
        }

        var page = Compute(filter, sort, cursor, pageSize);
        // A bounded handful per index: a changed catalog gets a new index and so starts a new set.
        if (_pages.Count < 512)
        {
            _pages.TryAdd(key, page);
        }

        return page;
    }

    private static string PageKey(CatalogFilter filter, CatalogSort sort, CatalogCursor? cursor, int pageSize)
    {
        var key = new System.Text.StringBuilder().Append((int)sort).Append('|').Append(pageSize).Append('|')
            .Append(cursor is null ? "" : $"{(cursor.Before ? '<' : '>')}{cursor}").Append('|')
            .Append((filter.Search ?? "").Trim().ToUpperInvariant());
        foreach (var (facet, values) in filter.Selected.Where(s => s.Value.Count > 0).OrderBy(s => s.Key))
        {
            key.Append('|').Append((int)facet).Append('=').AppendJoin(',', values.Select(v => v.ToUpperInvariant()).Order(StringComparer.Ordinal));
        }

        return key.ToString();
    }

    private CatalogPage Compute(CatalogFilter filter, CatalogSort sort, CatalogCursor? cursor, int pageSize)
    {
        var selections = new Dictionary<CatalogFacet, ulong[]>();
        foreach (var (facet, keys) in filter.Selected)
        {
            if (keys.Count > 0)
            {
                selections[facet] = Union(facet, keys);
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
                .Select(v => new FacetValueCount(v.Key, Label(facet, v.Key), v.Count, v.Selected));
            counts = IsScale(facet)
                ? counts.OrderBy(v => OrderOf(facet, v.Key))
                : counts.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.OrdinalIgnoreCase);
            facets.Add(new FacetCounts(facet, counts.ToList()));
        }

        var total = all is null ? Count : PopCount(all);
        var (rows, previous, next) = Page(all, sort, cursor, pageSize);
        return new CatalogPage(facets, rows, total, previous, next);
    }

    /// <summary>Listings matching a filter in sort order, for class sets (every match, not one page).</summary>
    public IEnumerable<CatalogRow> Matching(CatalogFilter filter, CatalogSort sort)
    {
        var selections = filter.Selected.Where(s => s.Value.Count > 0).Select(s => Union(s.Key, s.Value)).ToList();
        var all = Intersect(selections, Search(filter.Search));
        foreach (var i in _orders[sort].Order)
        {
            if (all is null || IsSet(all, i))
            {
                yield return _rows[i]!;
            }
        }
    }

    private ulong[] Union(CatalogFacet facet, IReadOnlyList<string> keys)
    {
        var union = new ulong[_words];
        foreach (var key in keys)
        {
            if (_facets[facet].Bits.TryGetValue(key, out var set))
            {
                Or(union, set);
            }
        }

        return union;
    }

    /// <summary>How many rows of <paramref name="basis"/> (all rows when null) hold each value of the facet.</summary>
    private static Dictionary<string, int> CountValues(FacetValues values, ulong[]? basis)
    {
        if (basis is null)
        {
            return values.Totals;
        }

        var counts = new Dictionary<string, int>(values.Keys.Count, StringComparer.OrdinalIgnoreCase);
        if (values.ValueOf is { } valueOf)
        {
            var perValue = new int[values.Keys.Count];
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

    private (IReadOnlyList<CatalogRow> Rows, CatalogCursor? Previous, CatalogCursor? Next) Page(ulong[]? all, CatalogSort sort, CatalogCursor? cursor, int pageSize)
    {
        var (order, keys) = _orders[sort];
        var picked = new List<int>(pageSize + 1);
        if (cursor is { Before: true } before)
        {
            // Walk back from the first row at or after the cursor, then show the rows in order.
            for (var p = Bound(order, keys, before.Key, before.Id, inclusive: true) - 1; p >= 0 && picked.Count <= pageSize; p--)
            {
                if (all is null || IsSet(all, order[p]))
                {
                    picked.Add(p);
                }
            }

            var hasPrevious = picked.Count > pageSize;
            var positions = picked.Take(pageSize).Reverse().ToList();
            return (positions.Select(p => _rows[order[p]]!).ToList(),
                hasPrevious && positions.Count > 0 ? CursorAt(order, keys, positions[0], before: true) : null,
                positions.Count > 0 ? CursorAt(order, keys, positions[^1], before: false) : null);
        }

        var start = cursor is { } after ? Bound(order, keys, after.Key, after.Id, inclusive: false) : 0;
        for (var p = start; p < order.Length && picked.Count <= pageSize; p++)
        {
            if (all is null || IsSet(all, order[p]))
            {
                picked.Add(p);
            }
        }

        var hasNext = picked.Count > pageSize;
        var shown = picked.Take(pageSize).ToList();
        return (shown.Select(p => _rows[order[p]]!).ToList(),
            cursor is not null && shown.Count > 0 ? CursorAt(order, keys, shown[0], before: true) : null,
            hasNext ? CursorAt(order, keys, shown[^1], before: false) : null);
    }

    private CatalogCursor CursorAt(int[] order, long[] keys, int position, bool before) => new(keys[position], _rows[order[position]]!.Id, before);

    /// <summary>
    /// The first position in a sorted order whose (key, id) is greater than the given one, or with
    /// <paramref name="inclusive"/> at least it.
    /// </summary>
    private int Bound(ReadOnlySpan<int> order, ReadOnlySpan<long> keys, long key, Guid id, bool inclusive)
    {
        int lo = 0, hi = order.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var comparison = Compare(keys[mid], _rows[order[mid]]!.Id, key, id);
            if (inclusive ? comparison < 0 : comparison <= 0)
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
        for (var i = 0; i < _used; i++)
        {
            if (_haystacks[i] is { } haystack && terms.All(t => haystack.Contains(t, StringComparison.Ordinal)))
            {
                set[i >> 6] |= 1UL << (i & 63);
            }
        }

        // A handful of recent searches per index; a changed catalog gets a new index and so a new cache.
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

    /// <summary>One facet's values: a bitset of rows per value, values in the order first seen, and each value's count.</summary>
    private sealed record FacetValues(Dictionary<string, ulong[]> Bits, List<string> Keys, Dictionary<string, int> Positions,
        Dictionary<string, int> Totals, int[]? ValueOf)
    {
        /// <summary>Marks the row as holding the value; returns the value's number.</summary>
        public int Set(string key, int row, int words)
        {
            if (!Bits.TryGetValue(key, out var set))
            {
                Bits[key] = set = new ulong[words];
                Positions[key] = Keys.Count;
                Keys.Add(key);
                Totals[key] = 0;
            }

            set[row >> 6] |= 1UL << (row & 63);
            Totals[key]++;
            return Positions[key];
        }

        public void Clear(string key, int row)
        {
            Bits[key][row >> 6] &= ~(1UL << (row & 63));
            Totals[key]--;
        }

        public FacetValues Copy() => new(
            Bits.ToDictionary(b => b.Key, b => (ulong[])b.Value.Clone(), StringComparer.OrdinalIgnoreCase), [.. Keys],
            new Dictionary<string, int>(Positions, StringComparer.OrdinalIgnoreCase), new Dictionary<string, int>(Totals, StringComparer.OrdinalIgnoreCase),
            (int[]?)ValueOf?.Clone());
    }
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

/// <summary>
/// Keeps the catalog index of this instance current, at most one build at a time: when only the catalog sequence moved,
/// the listings changed since the index's sequence are read (by their indexed sequence) and applied to a copy; a new stamp
/// (a seller's name or certification, a bulk write) or a new day builds it again from every listing.
/// </summary>
public sealed class CatalogIndexCache
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile CatalogIndex? _current;

    public async Task<CatalogIndex> CurrentAsync(MarketplaceDb db, DateOnly today, CancellationToken cancellationToken)
    {
        var revision = await db.CatalogRevisions.AsNoTracking().Where(r => r.Id == CatalogRevision.SingletonId)
            .Select(r => new { r.Stamp, r.Sequence }).SingleAsync(cancellationToken);
        if (_current is { } index && index.Stamp == revision.Stamp && index.Sequence == revision.Sequence && index.Today == today)
        {
            return index;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            var built = _current;
            if (built is not null && built.Stamp == revision.Stamp && built.Today == today && built.Sequence >= revision.Sequence)
            {
                return built;
            }

            // Rows are read after the revision, so the index is at least as new as the revision it is filed under; a
            // change read twice (once here, again after its sequence) is applied twice to the same effect.
            if (built is not null && built.Stamp == revision.Stamp && built.Today == today)
            {
                var changed = await ReadRowsAsync(db, today, since: built.Sequence, cancellationToken);
                _current = built.With([.. changed.Where(c => c.OnSale).Select(c => c.Row)], [.. changed.Where(c => !c.OnSale).Select(c => c.Row.Id)], revision.Sequence);
            }
            else
            {
                var rows = await ReadRowsAsync(db, today, since: null, cancellationToken);
                _current = new CatalogIndex(revision.Stamp, today, [.. rows.Select(r => r.Row)], revision.Sequence);
            }

            return _current;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>Every listing on sale, or with <paramref name="since"/> every listing changed after that sequence, on sale or not.</summary>
    private static async Task<List<(CatalogRow Row, bool OnSale)>> ReadRowsAsync(MarketplaceDb db, DateOnly today, long? since, CancellationToken cancellationToken)
    {
        var listings = since is { } sequence
            ? db.Listings.AsNoTracking().Where(l => EF.Property<long>(l, CatalogRevision.ListingSequence) > sequence)
            : db.Listings.AsNoTracking().Where(l => l.IsActive && l.QuantityAvailable > 0);
        var rows = await listings
            .Join(db.Organizations, l => l.SellerId, o => o.Id, (l, o) => new
            {
                l.Id, l.Title, l.Category, l.Manufacturer, l.Model, l.Cpu, l.RamGb, l.StorageGb, l.ScreenInches, l.Grade, l.Functional, l.BatteryHealthPercent,
                l.AueDate, l.Price, l.Tier1MinQuantity, l.Tier1Price, l.Tier2MinQuantity, l.Tier2Price, l.WarrantyMonths, l.QuantityAvailable, l.CreatedAt,
                l.SellerId, Seller = o.Name, l.IsActive,
            })
            .ToListAsync(cancellationToken);
        var sellers = rows.Select(r => r.SellerId).Distinct().ToList();
        var certified = db.CurrentCertifications(today);
        var certifications = (await (since is null ? certified : certified.Where(c => sellers.Contains(c.OrganizationId)))
                .Select(c => new { c.OrganizationId, c.Kind }).ToListAsync(cancellationToken))
            .GroupBy(c => c.OrganizationId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DocumentKind>)g.Select(c => c.Kind).Distinct().Order().ToList());
        // A photo added or removed bumps its listing's version, so a changed listing's first photo is read with it.
        var ids = rows.Select(r => r.Id).ToList();
        var photos = (await (since is null ? db.ListingPhotos.AsNoTracking() : db.ListingPhotos.AsNoTracking().Where(p => ids.Contains(p.ListingId)))
                .Select(p => new { p.ListingId, p.Id, p.UploadedAt }).ToListAsync(cancellationToken))
            .GroupBy(p => p.ListingId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.UploadedAt).ThenBy(p => p.Id).First().Id);
        return rows.Select(r => (new CatalogRow(r.Id, r.Title, r.Category, r.Manufacturer, r.Model, r.Cpu, r.RamGb, r.StorageGb, r.ScreenInches, r.Grade,
            r.Functional, r.BatteryHealthPercent, r.AueDate, r.Price, r.Tier1MinQuantity, r.Tier1Price, r.Tier2MinQuantity, r.Tier2Price, r.WarrantyMonths,
            r.QuantityAvailable, r.CreatedAt, r.SellerId, r.Seller, certifications.GetValueOrDefault(r.SellerId, []))
        {
            PhotoId = photos.TryGetValue(r.Id, out var photo) ? photo : null,
        }, r.IsActive && r.QuantityAvailable > 0)).ToList();
    }
}
