using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Storefront;

/// <summary>A card checkout happens whole or not at all, and an order waiting for a card can change its mind.</summary>
public sealed class CardCheckoutTests : IAsyncLifetime
{
    private LocalStripeServer _stripe = null!;

    public async ValueTask InitializeAsync() => _stripe = await LocalStripeServer.StartAsync();

    public ValueTask DisposeAsync() => _stripe.DisposeAsync();

    [Fact]
    public async Task Without_a_card_provider_the_checkout_offers_no_card_and_a_card_post_is_refused_leaving_cart_stock_and_ledger_untouched()
    {
        await using var app = new MarketplaceFactory();
        var (school, listingId) = await FillCartAsync(app);
        Assert.DoesNotContain("value=\"Card\"", await school.GetPageAsync("/store/checkout"));

        var page = await school.SubmitAsync("/store/checkout", "/store/checkout", new() { ["Method"] = nameof(PaymentMethod.Card), ["ShipToSiteId"] = await school.ShipToSiteAsync() });

        Assert.Contains("Card payments are not available on this marketplace; pay by purchase order.", page);
        await AssertNothingPlacedAsync(app, listingId);
    }

    [Fact]
    public async Task When_stripe_refuses_the_card_checkout_no_order_invoice_reservation_or_posting_is_left_and_the_cart_is_kept()
    {
        await using var app = WithStripe();
        var (school, listingId) = await FillCartAsync(app);
        _stripe.RefuseCheckouts = true;

        var response = await school.PostFormAsync("/store/checkout", "/store/checkout", new() { ["Method"] = nameof(PaymentMethod.Card), ["ShipToSiteId"] = await school.ShipToSiteAsync() });

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("declined", await school.GetPageAsync(response.Headers.Location!.OriginalString));
        await AssertNothingPlacedAsync(app, listingId);
    }

    [Fact]
    public async Task An_order_waiting_for_a_card_can_be_paid_by_purchase_order_instead_and_its_card_checkout_is_closed()
    {
        await using var app = WithStripe();
        var (school, orderUrl, invoice) = await PlaceCardOrderAsync(app);
        Assert.Contains("Pay by purchase order instead", await school.GetPageAsync(orderUrl));

        var page = await school.SubmitAsync(orderUrl, $"{orderUrl}/pay/po", new() { ["purchaseOrderNumber"] = " PO-LES-2027-001 " });

        Assert.Contains("Purchase order PO-LES-2027-001 recorded", page);
        Assert.Equal("expired", _stripe.SessionStatus(invoice.CheckoutSessionId!));
        await app.WithDbAsync(async db =>
        {
            var switched = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
            Assert.Equal((PaymentMethod.PurchaseOrder, "PO-LES-2027-001", InvoiceStatus.Open, (string?)null),
                (switched.Method, switched.PurchaseOrderNumber, switched.Status, switched.CheckoutSessionId));
            var order = await db.Orders.SingleAsync(o => o.Id == invoice.OrderId);
            Assert.Equal((PaymentMethod.PurchaseOrder, "PO-LES-2027-001", OrderStatus.AwaitingPayment), (order.PaymentMethod, order.PurchaseOrderNumber, order.Status));
        });
    }

    [Fact]
    public async Task Cancelling_an_unpaid_order_returns_its_stock_voids_its_invoice_reverses_its_posting_and_closes_its_card_checkout()
    {
        await using var app = WithStripe();
        var stockBefore = await app.WithDbAsync(db => db.Listings.Where(l => l.Price == 129m).Select(l => l.QuantityAvailable).SingleAsync());
        var (school, orderUrl, invoice) = await PlaceCardOrderAsync(app);

        var page = await school.SubmitAsync(orderUrl, $"{orderUrl}/cancel");

        Assert.Contains("Order cancelled", page);
        Assert.Contains("Cancelled before payment", page);
        Assert.DoesNotContain("Cancel order", page);
        Assert.Equal("expired", _stripe.SessionStatus(invoice.CheckoutSessionId!));
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(stockBefore, await db.Listings.Where(l => l.Price == 129m).Select(l => l.QuantityAvailable).SingleAsync());
            Assert.Equal(InvoiceStatus.Void, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).Status);
            Assert.Equal(OrderStatus.Cancelled, (await db.Orders.SingleAsync(o => o.Id == invoice.OrderId)).Status);
            var entries = await db.LedgerEntries.Where(e => db.LedgerTransactions.Any(t => t.Id == e.TransactionId && t.OrderId == invoice.OrderId)).ToListAsync();
            Assert.NotEmpty(entries);
            Assert.All(entries.GroupBy(e => (e.Account, e.OrganizationId)), account => Assert.Equal(account.Sum(e => e.Debit), account.Sum(e => e.Credit)));
        });
    }

    [Fact]
    public async Task An_order_already_paid_on_stripes_page_cannot_be_cancelled()
    {
        await using var app = WithStripe();
        var (school, orderUrl, invoice) = await PlaceCardOrderAsync(app);
        _stripe.CompleteSession(invoice.CheckoutSessionId!);

        var page = await school.SubmitAsync(orderUrl, $"{orderUrl}/cancel");

        Assert.Contains("has already gone through, so it cannot be cancelled", page);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(OrderStatus.AwaitingPayment, (await db.Orders.SingleAsync(o => o.Id == invoice.OrderId)).Status);
            Assert.Equal(InvoiceStatus.Open, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).Status);
            Assert.False(await db.LedgerTransactions.AnyAsync(t => t.Source == LedgerSource.StorefrontOrderCancelled));
        });
    }

    [Fact]
    public async Task A_paid_order_offers_no_cancellation_and_a_posted_cancellation_is_refused()
    {
        await using var app = new MarketplaceFactory();
        var (school, _) = await FillCartAsync(app);
        var orderPage = await school.SubmitAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "PO-9", ["ShipToSiteId"] = await school.ShipToSiteAsync(),
        });
        var orderId = await app.WithDbAsync(db => db.Orders.Select(o => o.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            (await db.Orders.SingleAsync()).MarkPaid(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        Assert.Contains("Cancel order", orderPage);

        var page = await school.SubmitAsync($"/store/orders/{orderId}", $"/store/orders/{orderId}/cancel");

        Assert.Contains("is paid, so it cannot be cancelled", page);
        Assert.DoesNotContain(">Cancel order<", page);
    }

    private MarketplaceFactory WithStripe()
    {
        var app = new MarketplaceFactory();
        app.Settings["Stripe:SecretKey"] = "sk_test_local";
        app.Settings["Stripe:WebhookSecret"] = "whsec_test";
        app.Settings["Stripe:ApiBase"] = _stripe.Url;
        return app;
    }

    private static async Task<(BrowserClient School, Guid ListingId)> FillCartAsync(MarketplaceFactory app)
    {
        var school = await BrowserClient.SignInAsync(app, "school@demo.k12");
        var listingId = await app.WithDbAsync(db => db.Listings.Where(l => l.Price == 129m).Select(l => l.Id).SingleAsync());
        await school.SubmitAsync("/store/cart", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "2" });
        return (school, listingId);
    }

    private static async Task<(BrowserClient School, string OrderUrl, Invoice Invoice)> PlaceCardOrderAsync(MarketplaceFactory app)
    {
        var (school, _) = await FillCartAsync(app);
        var response = await school.PostFormAsync("/store/checkout", "/store/checkout", new() { ["Method"] = nameof(PaymentMethod.Card), ["ShipToSiteId"] = await school.ShipToSiteAsync() });
        Assert.StartsWith("https://checkout.stripe.test/pay/", response.Headers.Location!.OriginalString);
        var invoice = await app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId != null));
        return (school, $"/store/orders/{invoice.OrderId}", invoice);
    }

    private static Task AssertNothingPlacedAsync(MarketplaceFactory app, Guid listingId) =>
        app.WithDbAsync(async db =>
        {
            Assert.False(await db.Orders.AnyAsync());
            Assert.False(await db.Invoices.AnyAsync(i => i.OrderId != null));
            Assert.False(await db.LedgerTransactions.AnyAsync(t => t.Source == LedgerSource.StorefrontSale));
            Assert.Equal(2, await db.CartItems.Where(c => c.ListingId == listingId).Select(c => c.Quantity).SingleAsync());
            Assert.Equal(40, await db.Listings.Where(l => l.Id == listingId).Select(l => l.QuantityAvailable).SingleAsync());
        });
}
