using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Market;
using Marketplace.Web.Features.Sales;
using static Marketplace.Tests.Features.Market.MarketTestKit;

namespace Marketplace.Tests.Features.Market;

/// <summary>Five lots that differ in every way the marketplace filters on, and older one-device fillers to page through.</summary>
public sealed class MarketApp : MarketplaceFactory, IAsyncLifetime
{
    public const int Fillers = 26;

    public static readonly string[] Named = ["MV Chromebooks A", "MV Mixed B", "CR iPads", "CR Chromebooks C", "MV Big auction"];

    public static IEnumerable<string> FillerTitles => Enumerable.Range(1, Fillers).Select(i => $"Filler {i:D2}");

    public async ValueTask InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= Fillers; i++)
        {
            await this.ListAsync($"Filler {i:D2}", MapleValley, now.AddDays(-10).AddMinutes(i), SaleTerms.RequestForQuotes,
                new DeviceBatch(1, DeviceCategory.Other, "Generic", "Cart", CosmeticGrade.D));
        }

        // Listed an hour apart, newest last.
        await this.ListAsync("MV Chromebooks A", MapleValley, now.AddHours(-5), SaleTerms.RequestForQuotes,
            new DeviceBatch(30, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, AueYearsFromToday: 3));
        await this.ListAsync("MV Mixed B", MapleValley, now.AddHours(-4), new SaleTerms(SaleMode.Auction, now.AddHours(5), StartPrice: 100m),
            new DeviceBatch(10, DeviceCategory.Chromebook, "Lenovo", "300e Chromebook Gen 2", CosmeticGrade.B, AueYearsFromToday: 1),
            new DeviceBatch(5, DeviceCategory.WindowsLaptop, "HP", "ProBook 450 G5", CosmeticGrade.C));
        await this.ListAsync("CR iPads", CedarRidge, now.AddHours(-3), new SaleTerms(SaleMode.SealedBid, now.AddHours(48)),
            new DeviceBatch(120, DeviceCategory.Tablet, "Apple", "iPad 7th generation", CosmeticGrade.A));
        await this.ListAsync("CR Chromebooks C", CedarRidge, now.AddHours(-2), new SaleTerms(SaleMode.BuyNow, BuyNowPrice: 2000m),
            new DeviceBatch(60, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.C, AueYearsFromToday: 5));
        await this.ListAsync("MV Big auction", MapleValley, now.AddHours(-1), new SaleTerms(SaleMode.Auction, now.AddHours(30), StartPrice: 500m),
            new DeviceBatch(400, DeviceCategory.WindowsLaptop, "Dell", "Latitude 3190", CosmeticGrade.B));
    }

    public async Task<ListListedLots.Result> SearchAsync(string query, int page = 1) =>
        await this.QueryAsAsync(LotJourneys.Refurbisher, new ListListedLots.Query(MarketFilter.Parse(query), page));
}

public sealed class MarketplaceFilterTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Theory]
    [InlineData("category=Chromebook", "MV Chromebooks A|MV Mixed B|CR Chromebooks C")]
    [InlineData("category=Chromebook&grade=A", "MV Chromebooks A")]
    [InlineData("grade=C", "MV Mixed B|CR Chromebooks C")]
    [InlineData("manufacturer=dell", "MV Chromebooks A|CR Chromebooks C|MV Big auction")]
    [InlineData("model=3100", "MV Chromebooks A|CR Chromebooks C")]
    [InlineData("manufacturer=Dell&category=WindowsLaptop", "MV Big auction")]
    [InlineData("years=2", "MV Chromebooks A|CR Chromebooks C")]
    [InlineData("years=4", "CR Chromebooks C")]
    [InlineData("min=50", "CR iPads|CR Chromebooks C|MV Big auction")]
    [InlineData("min=50&max=100", "CR Chromebooks C")]
    [InlineData("mode=Auction", "MV Mixed B|MV Big auction")]
    [InlineData("mode=SealedBid", "CR iPads")]
    [InlineData("mode=BuyNow", "CR Chromebooks C")]
    [InlineData("closing=6", "MV Mixed B")]
    [InlineData("closing=72", "MV Mixed B|CR iPads|MV Big auction")]
    [InlineData("state=OR", "CR iPads|CR Chromebooks C")]
    [InlineData("region=Northeast", "")]
    [InlineData("zip=97703&miles=100", "CR iPads|CR Chromebooks C")]
    [InlineData("zip=10001&miles=500", "")]
    [InlineData("zip=00000&miles=500&state=OR", "CR iPads|CR Chromebooks C")]
    [InlineData("state=OR&mode=SealedBid&category=Tablet&min=100", "CR iPads")]
    public async Task Each_filter_narrows_the_open_lots_to_those_that_match_and_counts_them(string query, string expected)
    {
        var result = await app.SearchAsync(query);

        var titles = result.Listed.Rows.Select(r => r.Title).Order().ToList();
        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries).Order(), titles);
        Assert.Equal(titles.Count, result.Listed.Total);
    }

    [Theory]
    [InlineData("max=100")]
    [InlineData("state=WA")]
    [InlineData("zip=98101&miles=100")]
    public async Task Place_and_size_filters_keep_the_fillers_that_match_them(string query)
    {
        var result = await app.SearchAsync(query);

        Assert.Equal(MarketApp.Fillers + 3, result.Listed.Total);
        var page2 = await app.SearchAsync(query, page: 2);
        Assert.Equal(result.Listed.Total - ListListedLots.PageSize, page2.Listed.Rows.Count);
    }

    [Fact]
    public async Task Distance_from_a_zip_counts_the_states_whose_centers_are_that_close()
    {
        // Seattle's ZIP: Washington itself at 100 miles; Oregon's center is about 240 miles from Washington's.
        Assert.DoesNotContain((await app.SearchAsync("zip=98101&miles=100")).Listed.Rows, r => r.State == "OR");
        Assert.Equal(MarketApp.Fillers + 5, (await app.SearchAsync("zip=98101&miles=250")).Listed.Total);
    }

    [Fact]
    public async Task Newest_is_the_default_order_and_closing_soon_puts_lots_without_a_close_last()
    {
        var newest = (await app.SearchAsync("")).Listed.Rows.Take(5).Select(r => r.Title);
        Assert.Equal(Enumerable.Reverse(MarketApp.Named), newest);

        var closing = (await app.SearchAsync("sort=closing")).Listed.Rows.Take(5).Select(r => r.Title);
        Assert.Equal(["MV Mixed B", "MV Big auction", "CR iPads", "CR Chromebooks C", "MV Chromebooks A"], closing);
    }

    [Fact]
    public async Task Lots_sort_by_their_device_count_either_way_and_by_their_estimate()
    {
        var most = (await app.SearchAsync("sort=quantity")).Listed.Rows.Take(5).Select(r => r.Title);
        Assert.Equal(["MV Big auction", "CR iPads", "CR Chromebooks C", "MV Chromebooks A", "MV Mixed B"], most);

        var fewest = (await app.SearchAsync("sort=fewest&min=2")).Listed.Rows.Select(r => r.Title);
        Assert.Equal(["MV Mixed B", "MV Chromebooks A", "CR Chromebooks C", "CR iPads", "MV Big auction"], fewest);

        var estimates = (await app.SearchAsync("sort=estimate")).Listed.Rows.Select(r => r.Estimate).ToList();
        Assert.Equal(estimates.OrderDescending(), estimates);
        Assert.True(estimates[0] > estimates[^1]);
    }

    [Fact]
    public async Task The_page_shows_25_lots_at_a_time_with_the_count_and_keeps_the_filters_in_its_page_links()
    {
        var refurbisher = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var first = WebUtility.HtmlDecode(await refurbisher.GetPageAsync("/market"));
        Assert.Contains($"Showing 1–25 of {MarketApp.Fillers + 5}", first);
        Assert.Contains("href=\"/market?page=2\"", first);
        var second = WebUtility.HtmlDecode(await refurbisher.GetPageAsync("/market?page=2"));
        Assert.Contains($"Showing 26–{MarketApp.Fillers + 5} of {MarketApp.Fillers + 5}", second);
        Assert.Contains("Filler 01", second);
        Assert.DoesNotContain("MV Big auction", second);

        var filtered = WebUtility.HtmlDecode(await refurbisher.GetPageAsync("/market?state=WA&sort=fewest&bogus=1&grade=Z"));
        Assert.Contains($"Showing 1–25 of {MarketApp.Fillers + 3}", filtered);
        Assert.Contains("href=\"/market?state=WA&sort=fewest&page=2\"", filtered);
        Assert.Contains("<option value=\"fewest\" selected=\"selected\">", filtered);
    }

    [Fact]
    public async Task Each_row_shows_the_sale_by_its_modes_rules_and_the_close_in_utc_for_the_browser_to_localize()
    {
        var rows = (await app.SearchAsync("")).Listed.Rows.Take(5).ToDictionary(r => r.Title);

        Assert.Equal("Opening bid $500.00, no bids yet", rows["MV Big auction"].SaleState);
        Assert.StartsWith("0 sealed bids", rows["CR iPads"].SaleState);
        Assert.Equal("Buy now for $2,000.00", rows["CR Chromebooks C"].SaleState);
        Assert.Equal("Taking quotes", rows["MV Chromebooks A"].SaleState);

        var refurbisher = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var page = await refurbisher.GetPageAsync("/market?mode=Auction&sort=closing");
        Assert.Matches("<time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\" data-local-time>[^<]+ UTC</time>", page);
    }

    [Fact]
    public async Task The_lot_page_counts_devices_by_model_and_grade_and_by_years_of_updates_left()
    {
        var mixed = (await app.SearchAsync("mode=Auction&max=20")).Listed.Rows.Single();
        var refurbisher = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var page = WebUtility.HtmlDecode(await refurbisher.GetPageAsync($"/market/lots/{mixed.Id}"));

        Assert.Contains("Devices by model and grade", page);
        Assert.Matches(@"Lenovo 300e Chromebook Gen 2 <span[^>]*>Chromebook</span></th>\s*<td class=""text-end"">—</td>\s*<td class=""text-end"">10</td>", page);
        Assert.Contains("data-chart=\"{&quot;labels&quot;", await refurbisher.GetPageAsync($"/market/lots/{mixed.Id}"));
        Assert.Contains("5 without an AUE date", page);
        Assert.Contains("Within 5 business days of the award", page);
        Assert.Contains("within 10 business days after paying", page);
        Assert.Contains("Maple Valley, WA", page);
        Assert.DoesNotContain("22225 SE 231st St", page);
        Assert.Contains($"href=\"/lots/{mixed.Id}/manifest.xlsx\"", page);
        Assert.Contains("data-countdown=", page);
    }
}
