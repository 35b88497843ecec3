using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Infrastructure.Web;

public sealed partial class FeatureViewLocationsTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Every_page_renders_its_own_view_from_the_folder_of_its_area()
    {
        var certified = await _factory.SaveCertifiedAsync(1800m);
        var listed = await _factory.SaveListedAsync();
        var listing = await _factory.WithDbAsync(db => db.Listings.Where(l => l.IsActive && l.QuantityAvailable > 0).OrderBy(l => l.Price).FirstAsync());
        var school = await BrowserClient.SignInAsync(_factory, "school@demo.k12");
        await school.SubmitAsync($"/store/listings/{listing.Id}", "/store/cart", new() { ["listingId"] = listing.Id.ToString(), ["quantity"] = "1" });

        (BrowserClient Client, string Url, string Title)[] pages =
        [
            (BrowserClient.Anonymous(_factory), "/", "Sell surplus school devices safely"),
            (BrowserClient.Anonymous(_factory), "/account/login", "Sign in"),
            (BrowserClient.Anonymous(_factory), "/verify", "Verify a certificate"),
            (BrowserClient.Anonymous(_factory), "/store", "Refurbished devices"),
            (BrowserClient.Anonymous(_factory), $"/store/listings/{listing.Id}", listing.Title),
            (school, "/store/cart", "Cart"),
            (school, "/store/checkout", "Checkout"),
            (school, "/store/orders", "Orders"),
            (school, "/account/denied", "Not allowed"),
        ];
        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var refurbisher = await BrowserClient.SignInAsync(_factory, "refurbisher@demo.k12");
        var finance = await BrowserClient.SignInAsync(_factory, "finance@demo.k12");
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");
        pages =
        [
            .. pages,
            (district, "/lots", "My lots"),
            (district, "/lots/new", "New lot"),
            (district, $"/lots/{certified.Id}", $"Lot {certified.Lot.Number}"),
            (refurbisher, "/market", "Lot marketplace"),
            (refurbisher, $"/market/lots/{listed.Id}", $"Lot {listed.Lot.Number}"),
            (refurbisher, $"/purchases/{certified.Id}", $"Purchase {certified.Lot.Number}"),
            (refurbisher, "/listings", "My storefront"),
            (refurbisher, "/listings/new", "New listing"),
            (finance, "/finance", "Finance"),
            (finance, "/finance/invoices", "Invoices"),
            (finance, "/finance/ledger", "Ledger"),
            (finance, "/finance/payouts", "Payouts"),
            (admin, "/admin/organizations", "Organizations"),
            (admin, "/admin/models", "Device models & price guide"),
            (admin, "/admin/emails", "E-mail log"),
            (admin, "/admin/outbox", "Outbox"),
        ];

        foreach (var (client, url, title) in pages)
        {
            var page = await client.GetPageAsync(url);
            Assert.Equal((url, $"{title} · K-12 Device Marketplace"), (url, WebUtility.HtmlDecode(PageTitle().Match(page).Groups[1].Value)));
        }
    }

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex PageTitle();
}
