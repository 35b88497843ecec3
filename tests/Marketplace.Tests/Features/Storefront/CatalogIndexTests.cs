using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Storefront;

namespace Marketplace.Tests.Features.Storefront;

/// <summary>The catalog index against a brute-force reading of the same rows: counts, filters and keyset pages.</summary>
public sealed class CatalogIndexTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static List<CatalogRow> Rows(int count, int seed)
    {
        var random = new Random(seed);
        string[] makes = ["Dell", "HP", "Lenovo", "Acer"];
        var sellers = Enumerable.Range(0, 7).Select(i => (Id: new Guid(i + 1, 0, 0, new byte[8]), Name: $"Seller {i}")).ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var seller = sellers[random.Next(sellers.Length)];
            var make = makes[random.Next(makes.Length)];
            var category = (DeviceCategory)random.Next(3);
            return new CatalogRow(Guid.CreateVersion7(), $"{make} model {i % 9}", category, make, $"Model {i % 9}", null, 4 << random.Next(3), 32 << random.Next(3),
                11.6m, (CosmeticGrade)random.Next(4), FunctionalStatus.Working, 90,
                category == DeviceCategory.Chromebook ? Today.AddDays(random.Next(-400, 2600)) : null,
                random.Next(40, 700) + 0.99m, null, null, null, null, random.Next(3) * 6, random.Next(1, 80),
                DateTimeOffset.UnixEpoch.AddMinutes(random.Next(1000)), seller.Id, seller.Name,
                seller.Id.ToByteArray()[0] % 3 == 0 ? [DocumentKind.R2v3] : seller.Id.ToByteArray()[0] % 3 == 1 ? [DocumentKind.EStewards, DocumentKind.NaidAaa] : []);
        }).ToList();
    }

    private static CatalogFilter Filter(string? search = null, params (CatalogFacet Facet, string[] Values)[] selected) =>
        new(selected.ToDictionary(s => s.Facet, s => (IReadOnlyList<string>)s.Values), search);

    private static bool Matches(CatalogRow row, CatalogFacet facet, string key) => facet switch
    {
        CatalogFacet.Category => row.Category.ToString() == key,
        CatalogFacet.Manufacturer => row.Manufacturer == key,
        CatalogFacet.Model => row.Device == key,
        CatalogFacet.Grade => row.Grade.ToString() == key,
        CatalogFacet.Ram => row.RamGb.ToString(System.Globalization.CultureInfo.InvariantCulture) == key,
        CatalogFacet.Storage => row.StorageGb.ToString(System.Globalization.CultureInfo.InvariantCulture) == key,
        CatalogFacet.YearsLeft => row.YearsLeft(Today) >= double.Parse(key, System.Globalization.CultureInfo.InvariantCulture),
        CatalogFacet.Price => CatalogIndex.PriceBands.Single(b => b.Key == key) is var band && row.Price >= band.Min && row.Price < band.Max,
        CatalogFacet.Warranty => row.WarrantyMonths.ToString(System.Globalization.CultureInfo.InvariantCulture) == key,
        CatalogFacet.Seller => row.SellerId.ToString("N") == key,
        CatalogFacet.Certification => key == "None" ? row.SellerCertifications.Count == 0 : row.SellerCertifications.Any(c => c.ToString() == key),
        _ => throw new ArgumentOutOfRangeException(nameof(facet)),
    };

    private static bool Passes(CatalogRow row, CatalogFilter filter, CatalogFacet? except = null) =>
        filter.Selected.Where(s => s.Key != except && s.Value.Count > 0).All(s => s.Value.Any(v => Matches(row, s.Key, v)))
        && (filter.Search is null || filter.Search.Split(' ').All(t => $"{row.Title} {row.Manufacturer} {row.Model} {row.Cpu} {row.Seller}".Contains(t, StringComparison.OrdinalIgnoreCase)));

    [Fact]
    public void Facet_counts_equal_a_count_of_the_rows_with_every_other_facet_applied()
    {
        var rows = Rows(3_000, seed: 7);
        var index = new CatalogIndex(Guid.NewGuid(), Today, rows);
        var filter = Filter(null, (CatalogFacet.Category, ["Chromebook"]), (CatalogFacet.Grade, ["A", "B"]), (CatalogFacet.Ram, ["8"]), (CatalogFacet.YearsLeft, ["3"]));

        var page = index.Query(filter, CatalogSort.PriceLowToHigh, null, 24);

        Assert.Equal(rows.Count(r => Passes(r, filter)), page.Total);
        Assert.True(page.Total > 0);
        foreach (var facet in page.Facets)
        {
            foreach (var value in facet.Values)
            {
                Assert.Equal(rows.Count(r => Passes(r, filter, except: facet.Facet) && Matches(r, facet.Facet, value.Key)), value.Count);
            }

        }

        Assert.Equal(11, page.Facets.Count);
    }

    [Fact]
    public void Values_of_one_facet_widen_the_selection_and_facets_narrow_each_other()
    {
        var rows = Rows(2_000, seed: 11);
        var index = new CatalogIndex(Guid.NewGuid(), Today, rows);

        var dell = index.Query(Filter(null, (CatalogFacet.Manufacturer, ["Dell"])), CatalogSort.Newest, null, 24).Total;
        var hp = index.Query(Filter(null, (CatalogFacet.Manufacturer, ["HP"])), CatalogSort.Newest, null, 24).Total;
        var either = index.Query(Filter(null, (CatalogFacet.Manufacturer, ["Dell", "HP"])), CatalogSort.Newest, null, 24).Total;
        var dellR2 = index.Query(Filter(null, (CatalogFacet.Manufacturer, ["Dell"]), (CatalogFacet.Certification, ["R2v3"])), CatalogSort.Newest, null, 24).Total;
        var searched = index.Query(Filter("model 3", (CatalogFacet.Manufacturer, ["Dell"])), CatalogSort.Newest, null, 24).Total;

        Assert.Equal(dell + hp, either);
        Assert.Equal(rows.Count(r => r.Manufacturer == "Dell" && r.SellerCertifications.Contains(DocumentKind.R2v3)), dellR2);
        Assert.InRange(dellR2, 1, dell - 1);
        Assert.Equal(rows.Count(r => Passes(r, Filter("model 3", (CatalogFacet.Manufacturer, ["Dell"])))), searched);
        Assert.InRange(searched, 1, dell - 1);
    }

    [Theory]
    [InlineData(CatalogSort.PriceLowToHigh)]
    [InlineData(CatalogSort.PriceHighToLow)]
    [InlineData(CatalogSort.MostUpdatesLeft)]
    [InlineData(CatalogSort.Newest)]
    public void Following_next_links_returns_every_matching_listing_once_in_sort_order_and_previous_links_walk_back(CatalogSort sort)
    {
        var rows = Rows(1_000, seed: 3);
        var index = new CatalogIndex(Guid.NewGuid(), Today, rows);
        var filter = Filter(null, (CatalogFacet.Warranty, ["0", "12"]));

        var seen = new List<CatalogRow>();
        var pages = new List<CatalogPage>();
        CatalogCursor? cursor = null;
        do
        {
            var page = index.Query(filter, sort, cursor, 24);
            pages.Add(page);
            seen.AddRange(page.Rows);
            cursor = page.Next;
        }
        while (cursor is not null);

        var expected = rows.Where(r => Passes(r, filter)).ToList();
        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected.Select(r => r.Id).Order(), seen.Select(r => r.Id).Order());
        Func<CatalogRow, IComparable> key = sort switch
        {
            CatalogSort.PriceLowToHigh => r => r.Price,
            CatalogSort.PriceHighToLow => r => -r.Price,
            CatalogSort.MostUpdatesLeft => r => r.AueDate is { } d ? -d.DayNumber : int.MaxValue,
            _ => r => -r.CreatedAt.UtcTicks,
        };
        Assert.Equal(seen.Select(r => r.Id), seen.OrderBy(key).ThenBy(r => r.Id).Select(r => r.Id));

        // From the last page, "previous" links give back the same pages.
        var back = pages[^1];
        for (var p = pages.Count - 2; p >= 0; p--)
        {
            back = index.Query(filter, sort, back.Previous, 24);
            Assert.Equal(pages[p].Rows.Select(r => r.Id), back.Rows.Select(r => r.Id));
        }

        Assert.Null(back.Previous);
    }

    [Fact]
    public void A_cursor_keeps_its_place_when_the_listing_it_names_is_gone()
    {
        var rows = Rows(200, seed: 5);
        var first = new CatalogIndex(Guid.NewGuid(), Today, rows).Query(CatalogFilter.None, CatalogSort.PriceLowToHigh, null, 24);
        var sold = first.Rows[^1].Id;

        var without = new CatalogIndex(Guid.NewGuid(), Today, rows.Where(r => r.Id != sold).ToList());
        var second = without.Query(CatalogFilter.None, CatalogSort.PriceLowToHigh, CatalogCursor.Parse(first.Next!.ToString(), before: false), 24);

        Assert.Equal(rows.OrderBy(r => r.Price).ThenBy(r => r.Id).Skip(24).Take(24).Select(r => r.Id), second.Rows.Select(r => r.Id));
    }
}
