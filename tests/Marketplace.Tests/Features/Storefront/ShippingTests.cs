using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Storefront;

public sealed class ShippingApp : MarketplaceFactory;

/// <summary>Orders from shipment to delivery, as the refurbisher and the school each see them.</summary>
public sealed class ShippingTests(ShippingApp app) : IClassFixture<ShippingApp>
{
    [Fact]
    public async Task A_purchase_order_order_ships_in_two_parts_and_the_school_sees_tracking_serials_and_delivery()
    {
        var (seller, sellerEmail, school, schoolEmail, orderId, lineId, title) = await PurchaseOrderOrderAsync(quantity: 3, price: 180m);
        var number = await app.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync());
        Assert.Contains(number, await seller.GetPageAsync("/store/sales"));

        var first = WebUtility.HtmlDecode(await seller.SubmitAsync($"/store/sales/{orderId}", $"/store/sales/{orderId}/shipments", new()
        {
            ["Carrier"] = nameof(Carrier.Ups), ["TrackingNumber"] = " 1z999aa10123456784 ", ["Lines[0].OrderLineId"] = lineId.ToString(), ["Lines[0].Quantity"] = "2",
            ["Lines[0].Serials"] = "5CD0417AAA\n5CD0417AAB\n",
        }));
        Assert.Contains("Shipment recorded (2 device(s), tracking 1Z999AA10123456784)", first);
        Assert.Contains("Partly shipped", first);

        var shippedMail = await app.WaitForAsync(schoolEmail, $"Order {number}: shipment 1 shipped");
        Assert.Contains("https://www.ups.com/track?tracknum=1Z999AA10123456784", shippedMail.TextBody);
        Assert.Contains($"2 × {title} at $180.00 = $360.00", shippedMail.TextBody);
        Assert.Contains("Serials: 5CD0417AAA, 5CD0417AAB", shippedMail.TextBody);
        Assert.Contains("1 device(s) of the order are still to ship.", shippedMail.TextBody);
        await app.WaitForAsync(sellerEmail, $"Order {number}: shipment 1 shipped");

        await seller.SubmitAsync($"/store/sales/{orderId}", $"/store/sales/{orderId}/shipments", new()
        {
            ["Carrier"] = nameof(Carrier.Other), ["CarrierName"] = "Estes Express", ["TrackingNumber"] = "PRO-448812", ["Lines[0].OrderLineId"] = lineId.ToString(),
            ["Lines[0].Quantity"] = "1", ["Lines[0].Serials"] = "5CD0417AAC",
        });
        Assert.Contains("Every device of the order has now shipped.", (await app.WaitForAsync(schoolEmail, $"Order {number}: shipment 2 shipped")).TextBody);
        Assert.Contains(number, await seller.GetPageAsync("/store/sales?show=Shipped"));
        Assert.DoesNotContain(number, await seller.GetPageAsync("/store/sales"));

        var history = WebUtility.HtmlDecode(await school.GetPageAsync($"/store/orders/{orderId}"));
        Assert.Contains("href=\"https://www.ups.com/track?tracknum=1Z999AA10123456784\"", history);
        Assert.Contains("Estes Express", history);
        Assert.Contains("PRO-448812", history);
        Assert.Contains("5CD0417AAA, 5CD0417AAB", history);
        Assert.Contains("5CD0417AAC", history);
        Assert.Contains("Shipped", history);

        var shipments = await app.WithDbAsync(db => db.Shipments.AsNoTracking().Where(s => s.OrderId == orderId).OrderBy(s => s.Sequence).Select(s => s.Id).ToListAsync());
        await school.SubmitAsync($"/store/orders/{orderId}", $"/store/orders/{orderId}/shipments/{shipments[0]}/received");
        Assert.Contains($"Order {number}: shipment 1 delivered", (await app.WaitForAsync(sellerEmail, $"Order {number}: shipment 1 delivered")).Subject);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        await seller.SubmitAsync($"/store/sales/{orderId}", $"/store/sales/{orderId}/shipments/{shipments[1]}/delivered", new() { ["deliveredOn"] = today });

        var delivered = await app.WaitForAsync(schoolEmail, $"Order {number} delivered");
        Assert.Contains($"Every device of order {number} (3 device(s), $565.00) has now been delivered.", delivered.TextBody);
        Assert.Contains("Returns are accepted until", delivered.TextBody);
        await app.WaitForAsync(sellerEmail, $"Order {number} delivered");
        var order = await app.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Shipments).SingleAsync(o => o.Id == orderId));
        Assert.Equal(OrderStage.Delivered, order.Stage);
        Assert.NotNull(order.DeliveredAt);
        Assert.Contains("Delivered in full on", WebUtility.HtmlDecode(await school.GetPageAsync($"/store/orders/{orderId}")));
        Assert.Contains(number, await seller.GetPageAsync("/store/sales?show=Delivered"));
        Assert.Contains("Delivered", WebUtility.HtmlDecode(await school.GetPageAsync("/store/orders")));
    }

    [Fact]
    public async Task A_shipment_packing_slip_names_the_purchase_order_the_items_and_the_serials_in_the_box()
    {
        var (seller, _, school, _, orderId, lineId, title) = await PurchaseOrderOrderAsync(quantity: 2, price: 210m);
        var number = await app.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync());
        await seller.SubmitAsync($"/store/sales/{orderId}", $"/store/sales/{orderId}/shipments", new()
        {
            ["Carrier"] = nameof(Carrier.FedEx), ["TrackingNumber"] = "7712 3456 7890", ["Lines[0].OrderLineId"] = lineId.ToString(), ["Lines[0].Quantity"] = "2",
            ["Lines[0].Serials"] = "PF3XK1LM\nPF3XK1LN",
        });
        var shipmentId = await app.WithDbAsync(db => db.Shipments.Where(s => s.OrderId == orderId).Select(s => s.Id).SingleAsync());

        foreach (var reader in new[] { seller, school })
        {
            var response = await reader.Http.GetAsync($"/store/orders/{orderId}/shipments/{shipmentId}/packing-slip.pdf");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var pdf = Path.Combine(app.DataFolder, $"slip-{Guid.NewGuid():N}.pdf");
            await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
            var text = await ExternalTool.RunAsync("pdftotext", "-layout", pdf, "-");

            Assert.Contains($"Packing slip — order {number}", text);
            Assert.Contains("PO-SHIP-", text);
            Assert.Contains("FedEx · tracking 7712 3456 7890", text);
            Assert.Contains(title, text);
            Assert.Contains("Serials: PF3XK1LM PF3XK1LN", text);
            Assert.Contains("– receiving", text); // the ship-to site the order keeps a copy of
        }
    }

    [Fact]
    public async Task Shipping_more_than_was_ordered_or_an_unpaid_card_order_is_refused_and_records_nothing()
    {
        var (seller, _, _, _, orderId, lineId, title) = await PurchaseOrderOrderAsync(quantity: 2, price: 99m);

        var tooMany = await seller.PostFormAsync($"/store/sales/{orderId}", $"/store/sales/{orderId}/shipments", new()
        {
            ["Carrier"] = nameof(Carrier.Usps), ["TrackingNumber"] = "9400100000000000000000", ["Lines[0].OrderLineId"] = lineId.ToString(), ["Lines[0].Quantity"] = "3",
        });
        Assert.Equal($"{title}: 3 cannot ship, only 2 of the 2 ordered are left to ship.", await seller.RefusalAsync(tooMany));

        var noTracking = await seller.PostFormAsync($"/store/sales/{orderId}", $"/store/sales/{orderId}/shipments", new()
        {
            ["Carrier"] = nameof(Carrier.Usps), ["TrackingNumber"] = "", ["Lines[0].OrderLineId"] = lineId.ToString(), ["Lines[0].Quantity"] = "1",
        });
        Assert.Contains("Enter the tracking number.", await seller.RefusalAsync(noTracking));
        Assert.Equal(0, await app.WithDbAsync(db => db.Shipments.CountAsync(s => s.OrderId == orderId)));

        var order = await app.WithDbAsync(async db =>
        {
            var o = await db.Orders.Include(x => x.Lines).SingleAsync(x => x.Id == orderId);
            return o;
        });
        Assert.Equal(OrderStage.ReadyToShip, order.Stage);
    }

    [Fact]
    public async Task A_refurbisher_cannot_see_or_ship_another_refurbishers_order()
    {
        var (_, _, _, _, orderId, lineId, _) = await PurchaseOrderOrderAsync(quantity: 1, price: 120m);
        var other = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/store/sales/{orderId}")).StatusCode);
        var response = await other.PostFormAsync("/store/sales", $"/store/sales/{orderId}/shipments", new()
        {
            ["Carrier"] = nameof(Carrier.Ups), ["TrackingNumber"] = "1Z999AA10123456784", ["Lines[0].OrderLineId"] = lineId.ToString(), ["Lines[0].Quantity"] = "1",
        });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Shipments.CountAsync(s => s.OrderId == orderId)));
    }

    /// <summary>A refurbisher and a school of their own, and one purchase-order order of the school's from the refurbisher.</summary>
    private async Task<(BrowserClient Seller, string SellerEmail, BrowserClient School, string SchoolEmail, Guid OrderId, Guid LineId, string Title)> PurchaseOrderOrderAsync(
        int quantity, decimal price)
    {
        var (sellerEmail, _) = await app.AddCertifiedRefurbisherAsync($"Shipping Refurbisher {Guid.NewGuid():N}");
        var title = $"HP Chromebook 11 G9 {Guid.NewGuid():N}"[..28];
        var listingId = await app.SendAsAsync(sellerEmail, StockListings.Command(title, "Refurbished.", DeviceCategory.Chromebook, CosmeticGrade.A, price, 20, 12));
        var schoolEmail = await app.AddOrganizationWithUserAsync($"Lakeside Elementary {Guid.NewGuid():N}", OrganizationKind.School);
        await app.SendAsAsync(schoolEmail, new AddToCart.Command(listingId, quantity));
        var placed = await app.SendAsAsync(schoolEmail, new Checkout.Command(PaymentMethod.PurchaseOrder, $"PO-SHIP-{Guid.NewGuid():N}"[..16],
            await app.SiteOfAsync(schoolEmail)));
        var orderId = Assert.Single(placed.OrderIds);
        var lineId = await app.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == orderId).Select(l => l.Id).SingleAsync());
        return (await BrowserClient.SignInAsync(app, sellerEmail), sellerEmail, await BrowserClient.SignInAsync(app, schoolEmail), schoolEmail, orderId, lineId, title);
    }
}
