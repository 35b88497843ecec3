using System.Net;
using System.Text;
using System.Text.Json;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Settlement;
using Microsoft.EntityFrameworkCore;
using StripeConfiguration = Stripe.StripeConfiguration;

namespace Marketplace.Tests.Features.Payments;

public sealed class StripePaymentTests : IAsyncLifetime
{
    private const string WebhookSecret = "whsec_test";
    private LocalStripeServer _stripe = null!;
    private MarketplaceFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _stripe = await LocalStripeServer.StartAsync();
        _factory = new MarketplaceFactory();
        _factory.Settings["Stripe:SecretKey"] = "sk_test_local";
        _factory.Settings["Stripe:WebhookSecret"] = WebhookSecret;
        _factory.Settings["Stripe:ApiBase"] = _stripe.Url;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task A_school_paying_by_card_goes_to_stripe_checkout_and_the_signed_webhook_pays_the_order_once()
    {
        var (redirect, invoice) = await CheckOutTwoChromebooksByCardAsync();

        var call = Assert.Single(_stripe.Calls);
        Assert.Equal("/v1/checkout/sessions", call.Path);
        Assert.Equal("Bearer sk_test_local", call.Authorization);
        Assert.Equal($"checkout-{invoice.Id}", call.IdempotencyKey);
        Assert.Equal("28300", call.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("usd", call.Form["line_items[0][price_data][currency]"]);
        Assert.Equal("payment", call.Form["mode"]);
        Assert.Equal($"https://checkout.stripe.test/pay/{invoice.CheckoutSessionId}", redirect);
        Assert.StartsWith("cs_test_", invoice.CheckoutSessionId);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);

        var completed = CheckoutCompleted(invoice.CheckoutSessionId!, "evt_1PaidOnce");
        var first = await PostWebhookAsync(completed, LocalStripeServer.Sign(completed, WebhookSecret, DateTimeOffset.UtcNow));
        var second = await PostWebhookAsync(completed, LocalStripeServer.Sign(completed, WebhookSecret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await _factory.WithDbAsync(async db =>
        {
            var paid = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
            Assert.Equal(InvoiceStatus.Paid, paid.Status);
            Assert.Equal(PaymentMethod.Card, paid.Method);
            Assert.Equal("pi_3PaidByCard", paid.PaymentReference);
            Assert.Equal(OrderStatus.Paid, (await db.Orders.SingleAsync(o => o.Id == invoice.OrderId)).Status);

            var payment = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.Source == LedgerSource.StorefrontPayment);
            Assert.Equal($"payment:{invoice.Id}", payment.IdempotencyKey);
            Assert.Equal(
                [(LedgerAccount.StripeClearing, 283m, 0m, (Guid?)null), (LedgerAccount.BuyerReceivable, 0m, 283m, invoice.PayerId)],
                payment.Entries.OrderByDescending(e => e.Debit).Select(e => (e.Account, e.Debit, e.Credit, e.OrganizationId)));
        });
    }

    [Fact]
    public async Task A_webhook_whose_payload_was_changed_after_signing_is_rejected_and_pays_nothing()
    {
        var (_, invoice) = await CheckOutTwoChromebooksByCardAsync();
        var signed = CheckoutCompleted("cs_test_someone_elses_session", "evt_1Tampered");
        var tampered = signed.Replace("cs_test_someone_elses_session", invoice.CheckoutSessionId, StringComparison.Ordinal);

        var response = await PostWebhookAsync(tampered, LocalStripeServer.Sign(signed, WebhookSecret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingPaidAsync(invoice.Id);
    }

    [Fact]
    public async Task A_webhook_signed_more_than_five_minutes_ago_is_rejected_as_a_replay()
    {
        var (_, invoice) = await CheckOutTwoChromebooksByCardAsync();
        var completed = CheckoutCompleted(invoice.CheckoutSessionId!, "evt_1Replayed");

        var response = await PostWebhookAsync(completed, LocalStripeServer.Sign(completed, WebhookSecret, DateTimeOffset.UtcNow.AddSeconds(-301)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingPaidAsync(invoice.Id);
    }

    [Fact]
    public async Task A_webhook_signed_with_another_secret_is_rejected()
    {
        var (_, invoice) = await CheckOutTwoChromebooksByCardAsync();
        var completed = CheckoutCompleted(invoice.CheckoutSessionId!, "evt_1Forged");

        var response = await PostWebhookAsync(completed, LocalStripeServer.Sign(completed, "whsec_guessed", DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingPaidAsync(invoice.Id);
    }

    [Fact]
    public async Task A_district_with_a_connected_account_is_paid_out_by_a_stripe_transfer()
    {
        await _factory.WithDbAsync(async db =>
        {
            var district = await db.Organizations.SingleAsync(o => o.Name == DemoLots.District);
            district.StripeAccountId = "acct_1MapleValley";
            await db.SaveChangesAsync();
        });
        var lot = await _factory.SaveCertifiedAsync(hammer: 1234.56m);
        _stripe.AddAccount("acct_1MapleValley", payoutsEnabled: true);

        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lot.Id));

        // Stripe is asked first whether the account can receive payouts and what its balance is.
        Assert.Equal(["/v1/accounts/acct_1MapleValley", "/v1/balance", "/v1/transfers"], _stripe.Calls.Select(c => c.Path));
        var call = _stripe.Calls[^1];
        Assert.Equal("/v1/transfers", call.Path);
        Assert.Equal("123456", call.Form["amount"]);
        Assert.Equal("usd", call.Form["currency"]);
        Assert.Equal("acct_1MapleValley", call.Form["destination"]);
        Assert.Equal($"payout-{lot.Id}", call.IdempotencyKey);
        Assert.Equal($"lot-{lot.Id}", call.Form["transfer_group"]);
        await _factory.WithDbAsync(async db =>
        {
            var payout = await db.Payouts.SingleAsync(p => p.LotId == lot.Id);
            Assert.Equal((PayoutMethod.StripeTransfer, PayoutStatus.Sent, 1234.56m), (payout.Method, payout.Status, payout.Amount));
            Assert.StartsWith("tr_", payout.Reference);
            Assert.Equal(LotStage.Settled, (await db.ProgressOfAsync(lot.Id, CancellationToken.None)).Stage);
            var posting = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.IdempotencyKey == $"payout-sent:{payout.Id}");
            Assert.Contains(posting.Entries, e => e is { Account: LedgerAccount.StripeClearing, Credit: 1234.56m });
        });
    }

    private async Task<(string Redirect, Invoice Invoice)> CheckOutTwoChromebooksByCardAsync()
    {
        var school = await BrowserClient.SignInAsync(_factory, "school@demo.k12");
        var listingId = await _factory.WithDbAsync(db => db.Listings.Where(l => l.Price == 129m).Select(l => l.Id).SingleAsync());
        await school.SubmitAsync("/store/cart", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "2" });

        var response = await school.PostFormAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.Card),
            ["ShipToSiteId"] = await school.ShipToSiteAsync(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var invoice = await _factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId != null));
        return (response.Headers.Location!.OriginalString, invoice);
    }

    private async Task AssertNothingPaidAsync(Guid invoiceId) =>
        await _factory.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
            Assert.Equal(InvoiceStatus.Open, invoice.Status);
            Assert.Equal(OrderStatus.AwaitingPayment, (await db.Orders.SingleAsync(o => o.Id == invoice.OrderId)).Status);
            Assert.False(await db.LedgerTransactions.AnyAsync(t => t.Source == LedgerSource.StorefrontPayment));
        });

    private async Task<HttpResponseMessage> PostWebhookAsync(string payload, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signature);
        return await BrowserClient.Anonymous(_factory).Http.SendAsync(request);
    }

    private static string CheckoutCompleted(string sessionId, string eventId) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["api_version"] = StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new Dictionary<string, object?> { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = "checkout.session.completed",
        ["data"] = new Dictionary<string, object?>
        {
            ["object"] = new Dictionary<string, object?>
            {
                ["id"] = sessionId,
                ["object"] = "checkout.session",
                ["mode"] = "payment",
                ["status"] = "complete",
                ["payment_status"] = "paid",
                ["payment_intent"] = "pi_3PaidByCard",
                ["amount_total"] = 28300,
                ["currency"] = "usd",
                ["livemode"] = false,
            },
        },
    });
}
