using System.Text;
using Marketplace.Web.Features.Shared;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Web.Features.Storefront;

public static class BrowseCatalog
{
    public const int PageSize = 24;

    /// <summary>The query-string name of each facet: the page's URL is the filter, so it can be shared with a business office.</summary>
    public static readonly IReadOnlyDictionary<CatalogFacet, string> Parameters = new Dictionary<CatalogFacet, string>
    {
        [CatalogFacet.Category] = "category", [CatalogFacet.Manufacturer] = "make", [CatalogFacet.Model] = "model", [CatalogFacet.Grade] = "grade",
        [CatalogFacet.Ram] = "ram", [CatalogFacet.Storage] = "storage", [CatalogFacet.YearsLeft] = "years", [CatalogFacet.Price] = "price",
        [CatalogFacet.Warranty] = "warranty", [CatalogFacet.Seller] = "seller", [CatalogFacet.Certification] = "cert",
    };

    public static readonly IReadOnlyDictionary<CatalogSort, string> SortParameters = new Dictionary<CatalogSort, string>
    {
        [CatalogSort.PriceLowToHigh] = "price", [CatalogSort.PriceHighToLow] = "price-desc", [CatalogSort.MostUpdatesLeft] = "updates", [CatalogSort.Newest] = "newest",
    };

    [AllowedRoles(Anonymous = true)]
    public sealed record Query(CatalogFilter Filter, CatalogSort Sort = CatalogSort.PriceLowToHigh, string? After = null, string? Before = null, int Page = 1) : IQuery<Result>
    {
        /// <summary>Reads the filter, sort and keyset position from a catalog URL's query string.</summary>
        public static Query FromUrl(IEnumerable<KeyValuePair<string, StringValues>> query)
        {
            var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            var selected = new Dictionary<CatalogFacet, IReadOnlyList<string>>();
            foreach (var (facet, name) in Parameters)
            {
                var picked = values.GetValueOrDefault(name).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct().Take(50).ToList();
                if (picked.Count > 0)
                {
                    selected[facet] = picked;
                }
            }

            var sortName = values.GetValueOrDefault("sort").ToString();
            var sort = SortParameters.FirstOrDefault(p => p.Value == sortName, new(CatalogSort.PriceLowToHigh, "price")).Key;
            _ = int.TryParse(values.GetValueOrDefault("page").ToString(), out var page);
            var q = values.GetValueOrDefault("q").ToString();
            return new Query(new CatalogFilter(selected, string.IsNullOrWhiteSpace(q) ? null : q.Trim()), sort,
                NullIfEmpty(values.GetValueOrDefault("after")), NullIfEmpty(values.GetValueOrDefault("before")), Math.Max(1, page));
        }

        private static string? NullIfEmpty(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();
    }

    public sealed record Result(CatalogPage Catalog, Query Query, int Page, DateOnly Today)
    {
        public int First => Catalog.Total == 0 ? 0 : (Page - 1) * PageSize + 1;
        public int Last => Catalog.Total == 0 ? 0 : (Page - 1) * PageSize + Catalog.Rows.Count;

        /// <summary>This page's URL with the filter and sort kept, optionally another sort or keyset position (which restarts the page count).</summary>
        public string Url(CatalogSort? sort = null, CatalogCursor? cursor = null, int page = 1) => UrlOf(Query.Filter, sort ?? Query.Sort, cursor, page);
    }

    /// <summary>The catalog URL of a filter: a shareable link that reopens the same selection.</summary>
    public static string UrlOf(CatalogFilter filter, CatalogSort sort = CatalogSort.PriceLowToHigh, CatalogCursor? cursor = null, int page = 1)
    {
        var url = new StringBuilder("/store");
        var separator = '?';
        void Append(string name, string value)
        {
            url.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        if (filter.Search is { } q)
        {
            Append("q", q);
        }

        foreach (var (facet, name) in Parameters)
        {
            foreach (var value in filter.Selected.GetValueOrDefault(facet) ?? [])
            {
                Append(name, value);
            }
        }

        if (sort != CatalogSort.PriceLowToHigh)
        {
            Append("sort", SortParameters[sort]);
        }

        if (cursor is not null)
        {
            Append(cursor.Before ? "before" : "after", cursor.ToString());
            Append("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return url.ToString();
    }

    public sealed class Handler(MarketplaceDb db, IClock clock, CatalogIndexCache cache) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var index = await cache.CurrentAsync(db, clock.Today, cancellationToken);
            var cursor = CatalogCursor.Parse(query.Before, before: true) ?? CatalogCursor.Parse(query.After, before: false);
            var page = index.Query(query.Filter, query.Sort, cursor, PageSize);
            return new Result(page, query, cursor is null ? 1 : query.Page, clock.Today);
        }
    }
}
