using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Domain.Finance;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Infrastructure.Web;

/// <summary>A refused form comes back with the reason and with everything the person typed still in it.</summary>
public sealed partial class PostedFormTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_rejected_serial_keeps_the_serial_method_tool_and_performer_that_were_entered()
    {
        var lot = await _app.SaveReceivedAsync(hammer: 900m);
        var refurbisher = await BrowserClient.SignInAsync(_app, "refurbisher@demo.k12");
        var page = $"/purchases/{lot.Id}";

        var form = Marketplace.Tests.Features.Sanitization.RecordSanitizationTests.Form("NOT-IN-THIS-LOT-77", method: Marketplace.Web.Domain.Fulfillment.SanitizationMethod.Destroy);
        form["Tool"] = "Shredder SSI 4-MAX";
        form["PerformerName"] = "Ana Ruiz";
        var refused = await refurbisher.SubmitAsync(page, $"{page}/sanitization", form);

        Assert.Contains("NOT-IN-THIS-LOT-77", Regex.Match(refused, "role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
        Assert.Matches("<input[^>]*name=\"Serial\"[^>]*value=\"NOT-IN-THIS-LOT-77\"", refused);
        Assert.Matches("<option value=\"Destroy\" selected=\"selected\"", refused);
        Assert.DoesNotMatch("<option value=\"Clear\" selected", refused);
        Assert.Matches("<input[^>]*name=\"Tool\"[^>]*value=\"Shredder SSI 4-MAX\"", refused);
        Assert.Matches("<input[^>]*name=\"PerformerName\"[^>]*value=\"Ana Ruiz\"", refused);

        var reloaded = await refurbisher.GetPageAsync(page);
        Assert.DoesNotContain("NOT-IN-THIS-LOT-77", reloaded);
    }

    [Fact]
    public async Task A_refused_checkout_keeps_the_chosen_ship_to_site_and_the_chosen_payment()
    {
        var school = await BrowserClient.SignInAsync(_app, "school@demo.k12");
        var listingId = await _app.WithDbAsync(db => db.Listings.Where(l => l.Price == 129m).Select(l => l.Id).SingleAsync());
        await school.SubmitAsync("/store/cart", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "1" });
        var offered = await school.ShipToSiteAsync();
        var other = await _app.WithDbAsync(db => db.ShippingSites.Where(s => s.Name == "Lakeside Elementary – main office").Select(s => s.Id).SingleAsync());
        Assert.NotEqual(offered, other.ToString());

        var refused = await school.SubmitAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "", ["ShipToSiteId"] = other.ToString(),
        });

        Assert.Contains("Enter your purchase order number.", refused);
        Assert.Matches($"<input[^>]*value=\"{other}\"[^>]*checked=\"checked\"", refused);
        Assert.DoesNotMatch($"<input[^>]*value=\"{offered}\"[^>]*checked", refused);
        Assert.Matches("<input[^>]*value=\"PurchaseOrder\"[^>]*checked=\"checked\"", refused);
        Assert.DoesNotContain("name=\"IdempotencyKey\" value=\"\"", refused);
    }
}
