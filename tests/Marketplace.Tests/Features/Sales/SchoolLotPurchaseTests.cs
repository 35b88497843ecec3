using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Sales;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Sales;

/// <summary>
/// Schools buy lots too, but only lots holding no data-bearing devices (carts, chargers, displays): a lot whose devices
/// store data goes to a certified processor. Such a lot needs no certificate, so the district is paid on receipt.
/// </summary>
public sealed class SchoolLotPurchaseTests : IAsyncLifetime
{
    private const string School = "school@demo.k12";
    private const string Principal = "principal@demo.k12";

    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<(Guid Id, string Number)> ListedAsync(string title, DeviceCategory category, string model, SaleTerms terms)
    {
        var batch = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var lotId = await _factory.SendAsAsync(LotJourneys.District, new CreateLot.Command($"{title} {batch}", null, "Maple Valley HS dock"));
        for (var i = 1; i <= 2; i++)
        {
            await _factory.SendAsAsync(LotJourneys.District, new AddDevice.Command(lotId, $"SCH{batch}{i}", null, category, "Bretford", model, CosmeticGrade.B, FunctionalStatus.Working));
        }

        await _factory.SendAsAsync(LotJourneys.District, new SubmitLot.Command(lotId, Terms: terms));
        return (lotId, await _factory.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Number).SingleAsync()));
    }

    [Fact]
    public async Task A_school_sees_only_lots_without_data_bearing_devices_buys_one_now_and_the_district_is_paid_on_receipt_without_a_certificate()
    {
        var chromebooks = await ListedAsync("Chromebooks", DeviceCategory.Chromebook, "Chromebook 3100", new SaleTerms(SaleMode.BuyNow, DateTimeOffset.UtcNow.AddDays(5), BuyNowPrice: 500m));
        var carts = await ListedAsync("Charging carts", DeviceCategory.Other, "Cube Cart 36", new SaleTerms(SaleMode.BuyNow, DateTimeOffset.UtcNow.AddDays(5), BuyNowPrice: 300m));
        var school = await BrowserClient.SignInAsync(_factory, School);

        var market = await school.GetPageAsync("/market");
        Assert.Contains("You see the lots a school may buy", market);
        Assert.Contains(carts.Number, market);
        Assert.DoesNotContain(chromebooks.Number, market);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Http.GetAsync($"/market/lots/{chromebooks.Id}")).StatusCode);
        // Asked directly, the command says why rather than selling student-data devices to a school.
        var refused = await Assert.ThrowsAsync<DomainException>(() => _factory.SendAsAsync(School, new BuyNow.Command(chromebooks.Id)));
        Assert.Contains("Only refurbishers with a current R2v3, e-Stewards or NAID AAA certification", refused.Message);

        var lotPage = $"/market/lots/{carts.Id}";
        Assert.Contains("Buy now for $300.00", await school.GetPageAsync(lotPage));
        await school.SubmitAsync(lotPage, $"/market/lots/{carts.Id}/buy-now", new() { ["IdempotencyKey"] = Guid.NewGuid().ToString() });
        var sale = await _factory.WithDbAsync(db => db.Sales.AsNoTracking().SingleAsync(s => s.LotId == carts.Id));
        var schoolId = await _factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == "Lakeside Elementary School").Select(o => o.Id).SingleAsync());
        Assert.Equal((SaleStatus.Awarded, schoolId, 300m), (sale.Status, sale.BuyerId!.Value, sale.HammerPrice!.Value));

        var invoiceId = await _factory.WithDbAsync(db => db.Invoices.Where(i => i.LotId == carts.Id).Select(i => i.Id).SingleAsync());
        await _factory.SendAsAsync(Principal, new PayByPurchaseOrder.Command(invoiceId, $"PO-{carts.Number}"));
        await _factory.SendAsAsync(LotJourneys.Finance, new MarkInvoicePaid.Command(invoiceId, PaymentMethod.Ach, $"ACH-{carts.Number}"));
        // The school proposes when it comes for the carts, the district confirms, and the school records the hand-over at the dock.
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        await _factory.SendAsAsync(School, new ProposePickupWindows.Command(carts.Id, [new ProposedWindow(day, new TimeOnly(14, 0), new TimeOnly(16, 0))]));
        var window = await _factory.WithDbAsync(db => db.PickupWindowProposals.Where(w => db.LotFulfillments.Any(f => f.Id == w.FulfillmentId && f.LotId == carts.Id)).Select(w => w.Id).SingleAsync());
        await _factory.SendAsAsync(LotJourneys.District, new ConfirmPickupWindow.Command(carts.Id, window, "Loading dock B", "Dana Whitfield, 425-555-0100", 2, null));
        await _factory.SendAsAsync(School, new RecordHandOver.Command(carts.Id, "Dana Whitfield", "Marcus Bell", null, 2));
        var cartSerials = await _factory.WithDbAsync(db => db.Devices.Where(d => d.LotId == carts.Id).Select(d => d.Serial).ToListAsync());
        await _factory.ScanInAsync(carts.Id, cartSerials, buyer: School);
        await _factory.SendAsAsync(School, new MarkReceived.Command(carts.Id));

        // Receipt is the release condition: the payout is prepared with no certificate, and no page asks for sanitization.
        var payout = await _factory.PayoutAsync(carts.Id);
        Assert.Equal(PayoutStatus.AwaitingApproval, payout.Status);
        Assert.False(await _factory.WithDbAsync(db => db.Certificates.AnyAsync(c => c.LotId == carts.Id)));
        var purchase = await school.GetPageAsync($"/purchases/{carts.Id}");
        Assert.Contains("The lot holds no data-bearing devices, so there is nothing to sanitize", purchase);
        Assert.DoesNotContain("Record sanitization", purchase);
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        Assert.Contains("nothing to sanitize and no certificate", await district.GetPageAsync($"/lots/{carts.Id}"));
    }

    [Fact]
    public async Task A_refurbisher_still_sees_and_may_buy_the_lots_a_school_cannot()
    {
        var chromebooks = await ListedAsync("Chromebooks", DeviceCategory.Chromebook, "Chromebook 3100", new SaleTerms(SaleMode.BuyNow, DateTimeOffset.UtcNow.AddDays(5), BuyNowPrice: 450m));
        var refurbisher = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);

        var market = await refurbisher.GetPageAsync("/market");
        Assert.Contains(chromebooks.Number, market);
        Assert.DoesNotContain("You see the lots a school may buy", market);
        Assert.Equal(450m, await _factory.SendAsAsync(LotJourneys.Refurbisher, new BuyNow.Command(chromebooks.Id)));
    }
}
