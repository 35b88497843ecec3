using System.Net;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Features.Lots;

public sealed class LotActivityApp : LoggedMarketplaceFactory;

/// <summary>The district reads the chain of custody of its lot and devices: every step, whoever took it; no other district can.</summary>
public sealed class LotActivityTests(LotActivityApp app) : IClassFixture<LotActivityApp>
{
    [Fact]
    public async Task The_district_sees_every_step_of_its_lot_the_buyers_finances_and_background_jobs_included()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        await app.SanitizeEverySerialAsync(lot);
        await app.PayoutAsync(lot.Id);
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        Assert.Contains($"href=\"/lots/{lot.Id}/activity\"", await district.GetPageAsync(lot.LotUrl));
        var page = WebUtility.HtmlDecode(await district.GetPageAsync($"/lots/{lot.Id}/activity"));

        Assert.Contains($"Activity of lot {lot.Number}", page);
        foreach (var step in new[] { "Create lot", "Add device", "Submit lot", "Submit quote", "Accept quote", "Mark invoice paid", "Propose pickup windows", "Confirm pickup window", "Record hand over", "Mark received", "Record sanitization", "Issue certificate", "Release district funds" })
        {
            Assert.Contains($"<strong>{step}</strong>", page);
        }

        Assert.Contains($"Device {lot.Serials[0]} added", page);
        Assert.Contains("Status: Open → Awarded", page);
        Assert.Contains("Priya Natarajan", page);
        Assert.Contains("Erin Kowalski", page);
        Assert.Contains("system", page);
        Assert.Contains("When (UTC)", page);
    }

    [Fact]
    public async Task The_district_sees_who_of_the_buyer_took_a_step_but_not_the_address_they_took_it_from()
    {
        var lot = await app.PickupScheduledLotAsync(devices: 1);
        var buyer = app.From("198.51.100.61");
        await buyer.PostFormAsync("/account/login", "/account/login", new() { ["Email"] = LotJourneys.Refurbisher, ["Password"] = Marketplace.Web.Data.DemoData.DefaultPassword });
        await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/hand-over",
            new() { ["ReleasedBy"] = "Dana Whitfield", ["CollectedBy"] = "Sam Ortiz", ["SealNumbers"] = "", ["Packages"] = "2" });
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var lotTrail = WebUtility.HtmlDecode(await district.GetPageAsync($"/lots/{lot.Id}/activity"));
        var buyersTrail = WebUtility.HtmlDecode(await buyer.GetPageAsync("/organization/activity?action=Fulfillment.RecordHandOver"));

        Assert.Contains("<strong>Record hand over</strong>", lotTrail);
        Assert.Contains("Priya Natarajan", lotTrail);
        Assert.DoesNotContain("198.51.100.61", lotTrail);
        Assert.Contains("from 198.51.100.61", buyersTrail);
    }

    [Fact]
    public async Task Another_district_gets_not_found_for_a_lots_activity()
    {
        var lot = await app.AwardedLotAsync(devices: 1);
        var other = await BrowserClient.SignInAsync(app, "district2@demo.k12");

        var response = await other.Http.GetAsync($"/lots/{lot.Id}/activity");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(lot.Number, await response.Content.ReadAsStringAsync());
    }
}
