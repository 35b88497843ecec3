using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Payments;

/// <summary>A double-click or a browser resubmit of the same rendered form does its work once.</summary>
public sealed partial class RepeatedPostTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_checkout_form_posted_twice_places_one_order_and_both_posts_land_on_it()
    {
        var school = await BrowserClient.SignInAsync(_factory, "school@demo.k12");
        var listingId = await _factory.WithDbAsync(db => db.Listings.Where(l => l.Price == 129m).Select(l => l.Id).SingleAsync());
        await school.SubmitAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "2" });
        var form = await school.GetPageAsync("/store/checkout");
        var fields = new Dictionary<string, string>
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "PO-LES-1001", ["ShipToSiteId"] = await school.ShipToSiteAsync(),
            ["IdempotencyKey"] = KeyOf(form),
        };

        var first = await school.PostFormAsync("/store/checkout", "/store/checkout", fields);
        var second = await school.PostFormAsync("/store/cart", "/store/checkout", fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Equal(38, await _factory.WithDbAsync(db => db.Listings.Where(l => l.Id == listingId).Select(l => l.QuantityAvailable).SingleAsync()));
    }

    [Fact]
    public async Task A_second_checkout_from_a_newly_rendered_form_is_a_new_request_and_is_refused_for_an_empty_cart()
    {
        var school = await BrowserClient.SignInAsync(_factory, "school@demo.k12");
        var listingId = await _factory.WithDbAsync(db => db.Listings.Where(l => l.Price == 129m).Select(l => l.Id).SingleAsync());
        await school.SubmitAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "1" });
        var fields = new Dictionary<string, string>
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "PO-LES-1002", ["ShipToSiteId"] = await school.ShipToSiteAsync(),
            ["IdempotencyKey"] = KeyOf(await school.GetPageAsync("/store/checkout")),
        };
        await school.SubmitAsync("/store/checkout", "/store/checkout", fields);

        fields["IdempotencyKey"] = Guid.NewGuid().ToString("N");
        var again = await school.PostFormAsync("/store/cart", "/store/checkout", fields);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Your cart is empty", WebUtility.HtmlDecode(await school.GetPageAsync(again.Headers.Location!.OriginalString)));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task The_same_key_from_another_user_is_not_mistaken_for_a_repeat()
    {
        var school = await BrowserClient.SignInAsync(_factory, "school@demo.k12");
        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var listingId = await _factory.WithDbAsync(db => db.Listings.Where(l => l.Price == 129m).Select(l => l.Id).SingleAsync());
        var key = Guid.NewGuid().ToString("N");
        foreach (var buyer in new[] { school, district })
        {
            await buyer.SubmitAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "1" });
            await buyer.SubmitAsync("/store/checkout", "/store/checkout", new()
            {
                ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "PO-1003", ["ShipToSiteId"] = await buyer.ShipToSiteAsync(), ["IdempotencyKey"] = key,
            });
        }

        Assert.Equal(2, await _factory.WithDbAsync(db => db.Orders.Select(o => o.BuyerId).Distinct().CountAsync()));
    }

    private static string KeyOf(string page) => KeyField().Match(page) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("The form carries no idempotency key.");

    [GeneratedRegex("name=\"IdempotencyKey\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex KeyField();
}
