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

/// <summary>One app for the storefront tests: each test sells from listings of its own, so stock never crosses tests.</summary>
public sealed class StorefrontApp : MarketplaceFactory;

public sealed class StorefrontTests(StorefrontApp app) : IClassFixture<StorefrontApp>
{
    private static readonly Uri OrdersUrl = new("http://marketplace.test/store/orders/");

    private const string School = "school@demo.k12";

    [Fact]
    public async Task A_refurbisher_publishes_a_listing_that_buyers_find_in_the_catalog()
    {
        var refurbisher = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var title = $"Acer Chromebook 311 (refurbished) {Guid.NewGuid():N}"[..48];

        var page = WebUtility.HtmlDecode(await refurbisher.SubmitAsync("/listings/new", "/listings/new", new()
        {
            ["Title"] = title, ["Description"] = "11.6\" HD, 4 GB RAM, charger included.", ["Category"] = nameof(DeviceCategory.Chromebook),
            ["Grade"] = nameof(CosmeticGrade.B), ["WarrantyMonths"] = "6", ["Price"] = "109.50", ["Quantity"] = "30",
            ["Manufacturer"] = "Acer", ["Model"] = "Chromebook 311 C733", ["Cpu"] = "Intel Celeron N4020", ["RamGb"] = "4", ["StorageGb"] = "32",
            ["ScreenInches"] = "11.6", ["Functional"] = nameof(FunctionalStatus.Working), ["BatteryHealthPercent"] = "86", ["AueDate"] = "2029-06-01",
            ["Tier1MinQuantity"] = "10", ["Tier1Price"] = "99", ["Tier2MinQuantity"] = "", ["Tier2Price"] = "",
        }));

        Assert.Contains($"\"{title}\" is now in the storefront.", page);
        var listing = await app.WithDbAsync(db => db.Listings.AsNoTracking().SingleAsync(l => l.Title == title));
        var sellerId = await app.WithDbAsync(db => db.Organizations.Where(o => o.Name == DemoLots.Refurbisher).Select(o => o.Id).SingleAsync());
        Assert.Equal((sellerId, DeviceCategory.Chromebook, CosmeticGrade.B, 109.50m, 30, 6, true),
            (listing.SellerId, listing.Category, listing.Grade, listing.Price, listing.QuantityAvailable, listing.WarrantyMonths, listing.IsActive));
        Assert.Equal(("Acer", "Chromebook 311 C733", "Intel Celeron N4020", 4, 32, 11.6m, 86, new DateOnly(2029, 6, 1)),
            (listing.Manufacturer, listing.Model, listing.Cpu, listing.RamGb, listing.StorageGb, listing.ScreenInches, listing.BatteryHealthPercent.GetValueOrDefault(), listing.AueDate.GetValueOrDefault()));
        Assert.Equal([new PriceTier(10, 99m)], listing.Tiers);
        Assert.Contains(title, page);

        var catalog = WebUtility.HtmlDecode(await BrowserClient.Anonymous(app).GetPageAsync($"/store?q={Uri.EscapeDataString(title)}"));
        Assert.Contains(title, catalog);
        Assert.Contains($"/store/listings/{listing.Id}", catalog);
    }

    [Fact]
    public async Task A_listing_with_no_device_no_price_or_impossible_numbers_is_sent_back_with_the_reasons()
    {
        var refurbisher = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var before = await app.WithDbAsync(db => db.Listings.CountAsync());

        var response = await refurbisher.PostFormAsync("/listings/new", "/listings/new", new()
        {
            ["Title"] = "", ["Category"] = nameof(DeviceCategory.Chromebook), ["Grade"] = nameof(CosmeticGrade.A),
            ["WarrantyMonths"] = "61", ["Price"] = "0", ["Quantity"] = "-1", ["Functional"] = nameof(FunctionalStatus.Working), ["BatteryHealthPercent"] = "72",
            ["Tier1MinQuantity"] = "10",
        });

        var refusal = await refurbisher.RefusalAsync(response);
        Assert.Contains("Enter a price greater than $0.00.", refusal);
        Assert.Contains("Quantity must be between 0 and 100,000.", refusal);
        Assert.Contains("Warranty must be between 0 and 60 months.", refusal);
        Assert.Contains("Enter the manufacturer", refusal);
        Assert.Contains("Enter the model", refusal);
        Assert.Contains("A unit with 72% battery health cannot be sold as working: it needs at least 80%.", refusal);
        Assert.Contains("A quantity-price tier needs both its minimum quantity and its unit price.", refusal);
        Assert.Equal("/listings/new", response.Headers.Location!.OriginalString);
        Assert.Equal(before, await app.WithDbAsync(db => db.Listings.CountAsync()));
    }

    [Fact]
    public async Task Only_refurbishers_publish_listings()
    {
        var school = await BrowserClient.SignInAsync(app, School);
        var before = await app.WithDbAsync(db => db.Listings.CountAsync());

        var response = await school.PostFormAsync("/", "/listings/new", new()
        {
            ["Title"] = "Not for sale by a school", ["Category"] = nameof(DeviceCategory.Chromebook), ["Grade"] = nameof(CosmeticGrade.A), ["Price"] = "10", ["Quantity"] = "1",
        });

        response.AssertAccessDenied();
        Assert.Equal(before, await app.WithDbAsync(db => db.Listings.CountAsync()));
    }

    [Fact]
    public async Task A_school_checks_out_by_purchase_order_creating_the_order_and_its_invoice_and_reserving_the_stock()
    {
        var listingId = await ListingAsync(price: 150m, quantity: 10);
        var (_, schoolId, school) = await NewSchoolAsync();
        var cart = WebUtility.HtmlDecode(await school.SubmitAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "4" }));
        Assert.Contains("Added to your cart.", cart);
        Assert.Contains("$600.00", cart);

        var page = WebUtility.HtmlDecode(await school.SubmitAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = " PO-LES-2026-0917 ", ["ShipToSiteId"] = await school.ShipToSiteAsync(),
        }));

        var order = await app.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Lines.Any(l => l.ListingId == listingId)));
        var line = Assert.Single(order.Lines);
        Assert.Equal((4, 150m), (line.Quantity, line.UnitPrice));
        Assert.Equal((PaymentMethod.PurchaseOrder, "PO-LES-2026-0917", 4 * 150m + 25m, OrderStatus.AwaitingPayment),
            (order.PaymentMethod, order.PurchaseOrderNumber, order.Total, order.Status));
        Assert.Contains("Order placed. Thank you!", page);
        Assert.Contains(order.Number, page);
        Assert.Contains("PO-LES-2026-0917", page);

        var invoice = await app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == order.Id));
        Assert.Equal((schoolId, 625m, InvoiceStatus.Open, PaymentMethod.PurchaseOrder, "PO-LES-2026-0917"),
            (invoice.PayerId, invoice.Amount, invoice.Status, invoice.Method, invoice.PurchaseOrderNumber));
        Assert.Contains(invoice.Number, page);
        Assert.Equal(6, await StockAsync(listingId));
        Assert.Contains("Your cart is empty", await school.GetPageAsync("/store/cart"));

        var posting = await app.WithDbAsync(db => db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).SingleAsync(t => t.OrderId == order.Id));
        Assert.Equal(LedgerSource.StorefrontSale, posting.Source);
        Assert.Equal(625m, posting.Entries.Single(e => e.Account == LedgerAccount.BuyerReceivable).Debit);
        Assert.Equal((577m, 48m),
            (posting.Entries.Single(e => e.Account == LedgerAccount.RefurbisherPayable).Credit, posting.Entries.Single(e => e.Account == LedgerAccount.PlatformFeeRevenue).Credit));
    }

    [Fact]
    public async Task A_quantity_above_the_stock_is_refused_and_the_cart_keeps_what_fits()
    {
        var listingId = await ListingAsync(price: 99m, quantity: 5);
        var title = await app.WithDbAsync(db => db.Listings.Where(l => l.Id == listingId).Select(l => l.Title).SingleAsync());
        var (schoolId, _, school) = await NewSchoolAsync();

        var tooMany = await school.PostFormAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "6" });

        Assert.Equal($"Only 5 of {title} are in stock.", await school.RefusalAsync(tooMany));
        Assert.Null(await CartQuantityAsync(schoolId, listingId));

        await school.SubmitAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "3" });
        var thenTooMany = await school.PostFormAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "3" });

        Assert.Equal($"Only 5 of {title} are in stock.", await school.RefusalAsync(thenTooMany));
        Assert.Equal(3, await CartQuantityAsync(schoolId, listingId));
        Assert.Equal(5, await StockAsync(listingId));
    }

    [Fact]
    public async Task A_checkout_is_refused_when_another_buyer_took_the_stock_first()
    {
        var listingId = await ListingAsync(price: 199m, quantity: 5);
        var title = await app.WithDbAsync(db => db.Listings.Where(l => l.Id == listingId).Select(l => l.Title).SingleAsync());
        var (schoolId, _, school) = await NewSchoolAsync();
        await school.SubmitAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "4" });
        await app.SendAsAsync(LotJourneys.District, new AddToCart.Command(listingId, 3));
        await app.SendAsAsync(LotJourneys.District, new Checkout.Command(PaymentMethod.PurchaseOrder, "PO-MV-0001", await app.SiteOfAsync(LotJourneys.District), OrdersUrl));

        var response = await school.PostFormAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "PO-LES-0001", ["ShipToSiteId"] = await school.ShipToSiteAsync(),
        });

        Assert.Equal($"Only 2 of {title} are in stock.", await school.RefusalAsync(response));
        Assert.Equal(2, await StockAsync(listingId));
        Assert.Equal(1, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.Lines.Any(l => l.ListingId == listingId))));
        Assert.Equal(4, await CartQuantityAsync(schoolId, listingId));
    }

    [Fact]
    public async Task Another_school_cannot_see_someone_elses_order()
    {
        var listingId = await ListingAsync(price: 120m, quantity: 3);
        await app.SendAsAsync(School, new AddToCart.Command(listingId, 1));
        var placed = await app.SendAsAsync(School, new Checkout.Command(PaymentMethod.PurchaseOrder, "PO-LES-0002", await app.SiteOfAsync(School), OrdersUrl));
        var orderId = Assert.Single(placed.OrderIds);
        var number = await app.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync());
        var owner = await BrowserClient.SignInAsync(app, School);
        var otherSchool = await BrowserClient.SignInAsync(app,
            await app.AddOrganizationWithUserAsync($"Pinewood Middle School {Guid.NewGuid():N}", OrganizationKind.School));

        Assert.Contains(number, await owner.GetPageAsync($"/store/orders/{orderId}"));
        Assert.Contains(number, await owner.GetPageAsync("/store/orders"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.Http.GetAsync($"/store/orders/{orderId}")).StatusCode);
        Assert.DoesNotContain(number, await otherSchool.GetPageAsync("/store/orders"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await BrowserClient.SignInAsync(app, "district2@demo.k12")).Http.GetAsync($"/store/orders/{orderId}")).StatusCode);
    }

    [Fact]
    public async Task When_an_order_is_paid_the_refurbisher_is_told_its_full_total_and_every_item_to_ship()
    {
        var listingId = await ListingAsync(price: 449.5m, quantity: 20);
        var (_, _, school) = await NewSchoolAsync();
        await school.SubmitAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "10" });
        await school.SubmitAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "PO-SHIP-1", ["ShipToSiteId"] = await school.ShipToSiteAsync(),
        });
        var (order, invoiceId) = await app.WithDbAsync(async db =>
        {
            var placed = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Lines.Any(l => l.ListingId == listingId));
            return (placed, await db.Invoices.Where(i => i.OrderId == placed.Id).Select(i => i.Id).SingleAsync());
        });

        await app.SendAsAsync(LotJourneys.Finance, new Marketplace.Web.Features.Payments.MarkInvoicePaid.Command(invoiceId, PaymentMethod.Ach, "ACH-SHIP-1"));

        var email = await MarketplaceFactory.EventuallyAsync(
            () => app.WithDbAsync(db => db.EmailMessages.AsNoTracking().FirstOrDefaultAsync(e => e.Subject == $"Order {order.Number} is paid: ship it")), "the ship-it e-mail");
        Assert.Contains("is paid: $4,520.00 ($4,495.00 of devices + $25.00 shipping)", email.Body);
        Assert.Contains($"10 × {order.Lines[0].Title} at $449.50 = $4,495.00 (12-month warranty)", email.Body);
        Assert.Contains($"Ship to:\n{order.ShipTo}", email.Body);
        Assert.Contains("Attn: Front office\n3302 S Pine St\nTacoma, WA 98409", order.ShipTo);
    }

    /// <summary>A listing of the demo refurbisher's, published through the app.</summary>
    private Task<Guid> ListingAsync(decimal price, int quantity) =>
        app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command($"Dell Chromebook 3110 {Guid.NewGuid():N}"[..30], "Refurbished, charger included.",
            DeviceCategory.Chromebook, CosmeticGrade.A, price, quantity, 12));

    private Task<int> StockAsync(Guid listingId) =>
        app.WithDbAsync(db => db.Listings.Where(l => l.Id == listingId).Select(l => l.QuantityAvailable).SingleAsync());

    /// <summary>A school of its own for a test that fills a cart, so no other test's cart lines end up in its checkout.</summary>
    private async Task<(Guid UserId, Guid OrganizationId, BrowserClient Browser)> NewSchoolAsync()
    {
        var email = await app.AddOrganizationWithUserAsync($"Pinewood Middle School {Guid.NewGuid():N}", OrganizationKind.School);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        return (user.Id, user.OrganizationId, await BrowserClient.SignInAsync(app, email));
    }

    private Task<int?> CartQuantityAsync(Guid userId, Guid listingId) =>
        app.WithDbAsync(db => db.CartItems.Where(c => c.ListingId == listingId && c.UserId == userId).Select(c => (int?)c.Quantity).SingleOrDefaultAsync());
}
