using System.Net;
using System.Text;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Storefront;

/// <summary>
/// A return's refund on an order paid by card: the refund goes to Stripe once, keyed by the return, and the ledger is posted
/// by Stripe's <c>charge.refunded</c> event for that refund, once, however often Stripe sends it.
/// </summary>
public sealed class CardReturnRefundTests : IAsyncLifetime
{
    private const string WebhookSecret = "whsec_returns";
    private LocalStripeServer _stripe = null!;
    private ClockedMarketplaceFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _stripe = await LocalStripeServer.StartAsync();
        _app = new ClockedMarketplaceFactory();
        _app.Settings["Stripe:SecretKey"] = "sk_test_local";
        _app.Settings["Stripe:WebhookSecret"] = WebhookSecret;
        _app.Settings["Stripe:ApiBase"] = _stripe.Url;
        _app.Settings["Stripe:MaxNetworkRetries"] = "0";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task A_card_paid_return_is_refunded_through_stripe_once_and_its_webhook_posts_the_refund_once()
    {
        _app.Clock.MoveTo(DateOnly.FromDateTime(DateTime.UtcNow));
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 200m, serials: ["CARD-RMA-1", "CARD-RMA-2"]);
        var invoice = await PaidByCardAsync(sale, "pi_3ReturnCard", "ch_3ReturnCard");
        var charged = (long)decimal.Round(invoice.Amount * 100m, MidpointRounding.AwayFromZero);

        await sale.School.SubmitAsync($"/store/orders/{sale.OrderId}", $"/store/orders/{sale.OrderId}/returns", new()
        {
            ["OrderLineId"] = sale.LineId.ToString(), ["Kind"] = nameof(ReturnKind.Return), ["Quantity"] = "1", ["Serials"] = "CARD-RMA-1",
            ["Reason"] = nameof(ReturnReason.DamagedInTransit), ["Details"] = "Cracked hinge on arrival.",
        });
        var request = await _app.WithDbAsync(db => db.ReturnRequests.AsNoTracking().SingleAsync(r => r.OrderId == sale.OrderId));
        await sale.Seller.SubmitAsync($"/store/returns/{request.Id}", $"/store/returns/{request.Id}/answer", new() { ["approve"] = "true", ["text"] = "Send it back with the label we e-mail." });
        await sale.Seller.SubmitAsync($"/store/returns/{request.Id}", $"/store/returns/{request.Id}/resolve", new() { ["outcome"] = "Refund", ["refundAmount"] = "200.00" });

        var call = Assert.Single(_stripe.Calls, c => c.Path == "/v1/refunds");
        Assert.Equal((20000L, "ch_3ReturnCard", $"rma-refund-{request.Id}"), (long.Parse(call.Form["amount"]!), call.Form["charge"].ToString(), call.IdempotencyKey));
        var refund = Assert.Single(_stripe.Created("refund"));

        // Stripe reports the refund, twice (it retries): one posting, balanced.
        var charge = StripeShapes.Charge("ch_3ReturnCard", "pi_3ReturnCard", charged, StripeShapes.Refund((string)refund["id"]!, "ch_3ReturnCard", "pi_3ReturnCard", 20000));
        await PostWebhookAsync(LocalStripeServer.Event("evt_return_refund", "charge.refunded", charge));
        await PostWebhookAsync(LocalStripeServer.Event("evt_return_refund", "charge.refunded", charge));

        await _app.WithDbAsync(async db =>
        {
            var postings = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).Where(t => t.OrderId == sale.OrderId).ToListAsync();
            Assert.All(postings, t => Assert.Equal(t.Entries.Sum(e => e.Debit), t.Entries.Sum(e => e.Credit)));
            var posted = Assert.Single(postings, t => t.Source == LedgerSource.Refund);
            Assert.Equal(200m, posted.Entries.Sum(e => e.Debit));
            Assert.Equal(200m, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).RefundedAmount);
        });
    }

    [Fact]
    public async Task A_taxed_card_order_refunded_in_two_parts_gives_back_all_its_sales_tax_and_every_account_of_the_order_ends_at_zero()
    {
        _app.Clock.MoveTo(DateOnly.FromDateTime(DateTime.UtcNow));
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 199m, serials: ["TAX-CARD-1", "TAX-CARD-2", "TAX-CARD-3"], buyer: Marketplace.Web.Domain.OrganizationKind.District);
        var invoice = await PaidByCardAsync(sale, "pi_3TaxedCard", "ch_3TaxedCard");
        var order = await _app.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == sale.OrderId));
        // (597.00 + 25.00) × 6.5% = 40.43 of tax; 662.43 paid by card.
        Assert.Equal((40.43m, 662.43m, 662.43m), (order.SalesTax, order.Total, invoice.Amount));

        // Refunded from Stripe's dashboard in two parts that do not divide the tax evenly: Stripe sends the charge with its refunds so far.
        var first = StripeShapes.Refund("re_3TaxedFirst", "ch_3TaxedCard", "pi_3TaxedCard", 33_333);
        var second = StripeShapes.Refund("re_3TaxedSecond", "ch_3TaxedCard", "pi_3TaxedCard", 66_243 - 33_333);
        await PostWebhookAsync(LocalStripeServer.Event("evt_taxed_refund_1", "charge.refunded", StripeShapes.Charge("ch_3TaxedCard", "pi_3TaxedCard", 66_243, first)));
        var afterFirst = await TaxPayableOfAsync(sale.OrderId);
        await PostWebhookAsync(LocalStripeServer.Event("evt_taxed_refund_2", "charge.refunded", StripeShapes.Charge("ch_3TaxedCard", "pi_3TaxedCard", 66_243, second, first)));

        await _app.WithDbAsync(async db =>
        {
            var postings = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).Where(t => t.OrderId == sale.OrderId).ToListAsync();
            Assert.All(postings, t => Assert.Equal(t.Entries.Sum(e => e.Debit), t.Entries.Sum(e => e.Credit)));
            Assert.Equal(2, postings.Count(t => t.Source == LedgerSource.Refund));
            var entries = postings.SelectMany(t => t.Entries).ToList();
            decimal Balance(LedgerAccount account) => entries.Where(e => e.Account == account).Sum(e => e.Credit - e.Debit);
            Assert.Equal((0m, 0m, 0m), (Balance(LedgerAccount.SalesTaxPayable), Balance(LedgerAccount.RefurbisherPayable), Balance(LedgerAccount.BuyerReceivable)));
            Assert.Equal(662.43m, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).RefundedAmount);
        });
        // 333.33 × 40.43 / 662.43 = 20.344… → 20.34 given back with the first refund, the remaining 20.09 with the last.
        Assert.Equal(40.43m - 20.34m, afterFirst);
    }

    private Task<decimal> TaxPayableOfAsync(Guid orderId) =>
        _app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Account == LedgerAccount.SalesTaxPayable && db.LedgerTransactions.Any(t => t.Id == e.TransactionId && t.OrderId == orderId))
            .SumAsync(e => e.Credit - e.Debit));

    /// <summary>The buyer paid the order by card: the charge Stripe made is on the invoice, and Stripe knows it.</summary>
    private async Task<Invoice> PaidByCardAsync(ReturnsTests.Sale sale, string paymentIntentId, string chargeId)
    {
        var invoice = await _app.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.OrderId == sale.OrderId);
            invoice.Method = PaymentMethod.Card;
            invoice.RecordStripePayment(paymentIntentId, chargeId);
            invoice.MarkPaid(PaymentMethod.Card, chargeId, DateTimeOffset.UtcNow);
            db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, DateTimeOffset.UtcNow, null));
            await db.SaveChangesAsync();
            return invoice;
        });
        _stripe.AddCharge(chargeId, paymentIntentId, (long)decimal.Round(invoice.Amount * 100m, MidpointRounding.AwayFromZero), 0, $"order-{sale.OrderId}");
        return invoice;
    }

    private async Task PostWebhookAsync(string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", LocalStripeServer.Sign(payload, WebhookSecret, DateTimeOffset.UtcNow));
        var response = await BrowserClient.Anonymous(_app).Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
