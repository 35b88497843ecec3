using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Features.Sanitization;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Organizations;

public sealed class DutiesApp : MarketplaceFactory;

/// <summary>Separation of duties inside an organization, as districts and refurbishers require it.</summary>
public sealed class DutiesTests(DutiesApp app) : IClassFixture<DutiesApp>
{
    private const string Inventory = "inventory@demo.k12";
    private const string Technician = "technician@demo.k12";

    [Fact]
    public async Task Inventory_staff_build_a_lot_but_only_an_approver_puts_it_up_for_sale()
    {
        var clerk = await BrowserClient.SignInAsync(app, Inventory);
        var lot = await clerk.CreateLotAsync("Library carts, spring");
        await clerk.AddDeviceAsync(lot, $"5CD{Guid.NewGuid():N}"[..12].ToUpperInvariant());

        var page = WebUtility.HtmlDecode(await clerk.GetPageAsync($"/lots/{lot}"));
        Assert.Contains("Upload and map columns", page);
        Assert.DoesNotContain("List for sale", page);
        Assert.DoesNotContain($"action=\"/lots/{lot}/board-approval\"", page);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsAsync(Inventory, new SubmitLot.Command(lot)));
        Assert.Equal(LotStage.Draft, await app.StageAsync(lot));

        await app.SendAsAsync(LotJourneys.District, new SubmitLot.Command(lot));
        Assert.Equal(LotStage.Listed, await app.StageAsync(lot));
    }

    [Fact]
    public async Task A_viewer_reads_the_districts_lots_and_changes_nothing()
    {
        var districtId = await app.WithDbAsync(db => db.Organizations.Where(o => o.Name == DemoLots.District).Select(o => o.Id).SingleAsync());
        var viewer = await app.AddUserAsync(districtId, "Board Member", Roles.DistrictViewer);
        var lot = await app.SendAsAsync(LotJourneys.District, new CreateLot.Command("Viewer's view", null, null));
        var browser = await BrowserClient.SignInAsync(app, viewer);

        var lots = WebUtility.HtmlDecode(await browser.GetPageAsync("/lots"));
        Assert.Contains("Viewer's view", lots);
        Assert.DoesNotContain("New lot", lots);
        var page = WebUtility.HtmlDecode(await browser.GetPageAsync($"/lots/{lot}"));
        Assert.Contains("Your role reads it", page);
        Assert.DoesNotContain("<form method=\"post\" action=\"/lots/", page.Replace(" asp-antiforgery=\"true\"", "", StringComparison.Ordinal));

        var add = await browser.PostFormAsync($"/lots/{lot}", $"/lots/{lot}/devices", new() { ["Serial"] = "5CDVIEWER01", ["Model"] = "Chromebook 3100" });
        add.AssertAccessDenied();
        Assert.Equal(0, await app.WithDbAsync(db => db.Devices.CountAsync(d => d.LotId == lot)));
    }

    [Fact]
    public async Task A_technician_records_the_proof_but_does_not_quote_or_pay()
    {
        var listed = await app.SendAsAsync(LotJourneys.District, new CreateLot.Command("Technician cannot quote", null, null));
        await app.SendAsAsync(LotJourneys.District, new AddDevice.Command(listed, $"5CD{Guid.NewGuid():N}"[..12].ToUpperInvariant(), null, DeviceCategory.Chromebook, "Dell",
            "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working));
        await app.SendAsAsync(LotJourneys.District, new SubmitLot.Command(listed));
        var technician = await BrowserClient.SignInAsync(app, Technician);

        var market = WebUtility.HtmlDecode(await technician.GetPageAsync($"/market/lots/{listed}"));
        Assert.Contains("Your organization's buyers send quotes", market);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsAsync(Technician, new SubmitQuote.Command(listed, 900m, null)));

        var sold = await app.PaidLotAsync();
        await app.SchedulePickupAsync(sold);
        await app.SendAsAsync(Technician, new RecordHandOver.Command(sold.Id, "Dana Whitfield", "Ken Okafor", null, 1));
        await app.ScanInAsync(sold.Id, sold.Serials, buyer: Technician);
        await app.SendAsAsync(Technician, new MarkReceived.Command(sold.Id));
        await app.SendAsAsync(Technician, new RecordSanitization.Command(sold.Id, sold.Serials[0],
            Marketplace.Tests.Domain.Fulfillment.Media.Emmc(sold.Serials[0], Marketplace.Tests.Domain.Fulfillment.Media.Validator)));
        Assert.Equal(1, await app.WithDbAsync(db => db.SanitizationRecords.CountAsync(r => r.LotId == sold.Id)));

        var purchase = WebUtility.HtmlDecode(await technician.GetPageAsync(sold.PurchaseUrl));
        Assert.Contains("Record sanitization", purchase);
    }

    [Fact]
    public async Task A_refurbishers_buyer_quotes_but_leaves_receiving_to_technicians()
    {
        var refurbisherId = await app.WithDbAsync(db => db.Organizations.Where(o => o.Name == DemoLots.Refurbisher).Select(o => o.Id).SingleAsync());
        var buyer = await app.AddUserAsync(refurbisherId, "Desk Buyer", Roles.RefurbisherBuyer);
        var sold = await app.InTransitLotAsync();

        var page = WebUtility.HtmlDecode(await (await BrowserClient.SignInAsync(app, buyer)).GetPageAsync(sold.PurchaseUrl));
        Assert.DoesNotContain("Mark received", page);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsAsync(buyer, new MarkReceived.Command(sold.Id)));
    }
}
