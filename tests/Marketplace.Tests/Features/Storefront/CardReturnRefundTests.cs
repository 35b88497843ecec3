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
        var invoice = await _app.WithDbAsync(async db =>
        {
            // The school paid this order by card: the charge Stripe made is on the invoice.
            var invoice = await db.Invoices.SingleAsync(i => i.OrderId == sale.OrderId);
            invoice.Method = PaymentMethod.Card;
            invoice.RecordStripePayment("pi_3ReturnCard", "ch_3ReturnCard");
            invoice.MarkPaid(PaymentMethod.Card, "ch_3ReturnCard", DateTimeOffset.UtcNow);
            db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, DateTimeOffset.UtcNow, null));
            await db.SaveChangesAsync();
            return invoice;
        });
        var charged = (long)decimal.Round(invoice.Amount * 100m, MidpointRounding.AwayFromZero);
        _stripe.AddCharge("ch_3ReturnCard", "pi_3ReturnCard", charged, 0, $"order-{sale.OrderId}");

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

    private async Task PostWebhookAsync(string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", LocalStripeServer.Sign(payload, WebhookSecret, DateTimeOffset.UtcNow));
        var response = await BrowserClient.Anonymous(_app).Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
