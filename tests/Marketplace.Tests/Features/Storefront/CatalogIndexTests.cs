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

    [Theory]
    [InlineData(11, 3)]
    [InlineData(12, 40)]
    [InlineData(13, 400)]
    public void An_index_with_changes_applied_answers_as_an_index_built_from_the_changed_rows(int seed, int changesPerRound)
    {
        var random = new Random(seed);
        var rows = Rows(1_500, seed).ToDictionary(r => r.Id);
        var spare = Rows(3_000, seed + 100);
        var index = new CatalogIndex(Guid.NewGuid(), Today, [.. rows.Values]);
        var first = index;
        var untouched = Snapshot(first);

        for (var round = 1; round <= 6; round++)
        {
            var onSale = new List<CatalogRow>();
            var gone = new List<Guid>();
            foreach (var _ in Enumerable.Range(0, changesPerRound))
            {
                var known = rows.Keys.ElementAt(random.Next(rows.Count));
                switch (random.Next(4))
                {
                    case 0 when !gone.Contains(known) && onSale.All(r => r.Id != known):
                        // Sold out or paused.
                        rows.Remove(known);
                        gone.Add(known);
                        break;
                    case 1 when !gone.Contains(known) && onSale.All(r => r.Id != known):
                        // A sale takes stock; the seller reprices and regrades it.
                        var changed = rows[known] with { QuantityAvailable = rows[known].QuantityAvailable + 1, Price = random.Next(40, 700) + 0.49m, Grade = (CosmeticGrade)random.Next(4) };
                        rows[known] = changed;
                        onSale.Add(changed);
                        break;
                    default:
                        // A new listing, now and then from a seller the index has not seen.
                        var added = spare[random.Next(spare.Count)] with { Id = Guid.CreateVersion7() };
                        if (random.Next(10) == 0)
                        {
                            added = added with { SellerId = Guid.NewGuid(), Seller = $"New seller {round}", SellerCertifications = [] };
                        }

                        rows[added.Id] = added;
                        onSale.Add(added);
                        break;
                }
            }

            index = index.With(onSale, gone, round);
            var fresh = new CatalogIndex(index.Stamp, Today, [.. rows.Values], round);

            Assert.Equal(round, index.Sequence);
            Assert.Equal(rows.Count, index.Count);
            Assert.Equal(Snapshot(fresh), Snapshot(index));
        }

        // Requests still reading an older index kept seeing the catalog as it was.
        Assert.Equal(untouched, Snapshot(first));
    }

    /// <summary>What the catalog shows for a spread of filters and sorts: every facet count, the total and every page.</summary>
    private static string Snapshot(CatalogIndex index)
    {
        var text = new System.Text.StringBuilder();
        CatalogFilter[] filters =
        [
            CatalogFilter.None,
            Filter(null, (CatalogFacet.Category, ["Chromebook"]), (CatalogFacet.Grade, ["A", "B"])),
            Filter("dell", (CatalogFacet.Price, ["100-200", "200-300"]), (CatalogFacet.YearsLeft, ["3"])),
            Filter(null, (CatalogFacet.Certification, ["None"]), (CatalogFacet.Warranty, ["6"])),
        ];
        foreach (var filter in filters)
        {
            foreach (var sort in Enum.GetValues<CatalogSort>())
            {
                CatalogCursor? cursor = null;
                var page = index.Query(filter, sort, cursor, 100);
                text.Append(page.Total).Append(';');
                foreach (var facet in page.Facets)
                {
                    text.Append(facet.Facet).Append(':').AppendJoin(',', facet.Values.Select(v => $"{v.Label}={v.Count}")).Append(';');
                }

                while (true)
                {
                    text.AppendJoin(',', page.Rows.Select(r => $"{r.Id:N}/{r.Price}")).Append('|');
                    if (page.Next is null)
                    {
                        break;
                    }

                    page = index.Query(filter, sort, page.Next, 100);
                }
            }
        }

        return text.ToString();
    }
}
