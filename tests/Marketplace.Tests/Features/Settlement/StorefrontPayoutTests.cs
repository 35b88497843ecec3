using System.Net;
using System.Text;
using Marketplace.Tests.Features.Storefront;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Settlement;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Settlement;

/// <summary>
/// A refurbisher is paid for a storefront order once it is delivered, its 30-day return window has passed, nothing is
/// open against it, the buyer has paid and a W-9 is on file: by Stripe transfer from the order's own charge, or through
/// finance's payouts queue, exactly once, with the ledger balanced after every step.
/// </summary>
public sealed class StorefrontPayoutTests : IAsyncLifetime
{
    private const string WebhookSecret = "whsec_order_payouts";
    private const string SellerAccount = "acct_1RefurbCoStore";
    private LocalStripeServer _stripe = null!;
    private ClockedMarketplaceFactory _app = null!;
    private DateOnly _today;

    public async ValueTask InitializeAsync()
    {
        _stripe = await LocalStripeServer.StartAsync();
        _stripe.TimeoutDelay = TimeSpan.FromSeconds(3);
        _app = new ClockedMarketplaceFactory();
        _app.Settings["Stripe:SecretKey"] = "sk_test_local";
        _app.Settings["Stripe:WebhookSecret"] = WebhookSecret;
        _app.Settings["Stripe:ApiBase"] = _stripe.Url;
        // The job's own retry is what these tests watch: Stripe.net's in-call retries are off.
        _app.Settings["Stripe:MaxNetworkRetries"] = "0";
        _app.Settings["Stripe:RequestTimeoutSeconds"] = "1";
        _today = DateOnly.FromDateTime(DateTime.UtcNow);
        _app.Clock.MoveTo(_today);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task A_purchase_order_sale_is_not_paid_out_inside_the_return_window_and_after_it_goes_through_finances_queue_once()
    {
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 150m, serials: ["PAYOUT-PO-1"]);
        var owed = await OwedAsync(sale);
        Assert.True(owed > 0);

        // Delivered, but the purchase order is not paid yet: nothing goes out, whatever the date.
        _app.Clock.MoveTo(_today.AddDays(40));
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        Assert.Contains("Payout held: the buyer has not paid the invoice yet", await PayoutLineAsync(sale));
        _app.Clock.MoveTo(_today);

        await PayInvoiceByAchAsync(sale);
        Assert.Contains($"Payout due on {_today.AddDays(31):MMMM d, yyyy}", await PayoutLineAsync(sale));
        _app.Clock.MoveTo(_today.AddDays(30));
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        Assert.False(await HasPayoutAsync(sale));

        _app.Clock.MoveTo(_today.AddDays(31));
        Assert.True(await _app.SendAsSystemAsync(new ReleaseDueSellerPayouts.Command()) >= 1);
        var payout = await MarketplaceFactory.EventuallyAsync(() => _app.WithDbAsync(db => db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.OrderId == sale.OrderId)),
            "the order's payout");
        Assert.Equal((PayoutMethod.Ach, PayoutStatus.AwaitingApproval, owed, (Guid?)null), (payout.Method, payout.Status, payout.Amount, payout.LotId));
        await _app.WaitForAsync(sale.SellerEmail, $"Payout of {owed:C} for order {sale.Number} released");

        var finance = await BrowserClient.SignInAsync(_app, LotJourneys.Finance);
        var queue = await finance.GetPageAsync("/finance/payouts");
        Assert.Contains($"href=\"/finance/orders/{sale.OrderId}\">Order {sale.Number}</a>", queue);
        await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/approve");
        var confirmed = await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/sent", new() { ["reference"] = "ACH-STORE-0042" });
        Assert.Contains($"Payout confirmed as sent. The refurbisher is told that order {sale.Number} is paid.", confirmed);

        var sent = await _app.WithDbAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.Id == payout.Id));
        Assert.Equal((PayoutStatus.Sent, "ACH-STORE-0042"), (sent.Status, sent.Reference));
        Assert.Contains("ACH-STORE-0042", (await _app.WaitForAsync(sale.SellerEmail, $"Payout of {owed:C} for order {sale.Number} sent")).TextBody);
        Assert.Equal($"Paid {owed:C} on {_today.AddDays(31):MMMM d, yyyy} (ACH-STORE-0042)", await PayoutLineAsync(sale));
        Assert.Contains($"Paid {owed:C}", await sale.Seller.GetPageAsync($"/store/sales/{sale.OrderId}"));
        var trail = await finance.GetPageAsync($"/finance/orders/{sale.OrderId}");
        Assert.Contains(sale.Number, trail);
        Assert.Contains($"Paid {owed:C} on {_today.AddDays(31):MMMM d, yyyy} (ACH-STORE-0042)", trail);

        // The ledger: the seller is owed nothing on the order any more, and the cash left through payouts in transit.
        await _app.WithDbAsync(async db =>
        {
            var postings = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).Where(t => t.OrderId == sale.OrderId).ToListAsync();
            Assert.Contains(postings, t => t.Source == LedgerSource.RefurbisherPayoutReleased && t.Entries.Any(e => e is { Account: LedgerAccount.RefurbisherPayable } && e.Debit == owed));
            Assert.Contains(postings, t => t.Source == LedgerSource.RefurbisherPayoutSent && t.Entries.Any(e => e is { Account: LedgerAccount.Cash } && e.Credit == owed));
            Assert.Equal(0m, postings.SelectMany(t => t.Entries).Where(e => e.Account == LedgerAccount.PayoutsInTransit).Sum(e => e.Debit - e.Credit));
        });
        Assert.Equal(0m, await OwedAsync(sale));

        // A re-run of the job finds the payout and queues nothing for this order.
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        Assert.Equal(0, await _app.SendAsSystemAsync(new ReleaseDueSellerPayouts.Command()));
        Assert.Single(await _app.WithDbAsync(db => db.Payouts.Where(p => p.OrderId == sale.OrderId).ToListAsync()));
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task An_open_return_holds_the_payout_past_the_window_and_once_resolved_the_seller_is_paid_what_the_ledger_still_owes()
    {
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 120m, serials: ["HELD-RMA-1", "HELD-RMA-2"]);
        await PayInvoiceByAchAsync(sale);
        var before = await OwedAsync(sale);
        var returnId = await _app.SendAsAsync(sale.SchoolEmail, new Marketplace.Web.Features.Storefront.RequestReturn.Command(sale.OrderId, sale.LineId, ReturnKind.Return, 1,
            "HELD-RMA-1", ReturnReason.DoesNotWork, "Will not boot."));

        _app.Clock.MoveTo(_today.AddDays(35));
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        Assert.False(await HasPayoutAsync(sale));
        Assert.Equal("Payout held: a return request on the order is still open", await PayoutLineAsync(sale));

        await sale.Seller.SubmitAsync($"/store/returns/{returnId}", $"/store/returns/{returnId}/answer", new() { ["approve"] = "true", ["text"] = "Send it back." });
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        Assert.False(await HasPayoutAsync(sale));
        await sale.Seller.SubmitAsync($"/store/returns/{returnId}", $"/store/returns/{returnId}/resolve", new() { ["outcome"] = "Refund", ["refundAmount"] = "120.00" });

        var after = await OwedAsync(sale);
        Assert.True(after < before, $"the refund's seller share comes off what is owed ({before} → {after})");
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        var payout = await _app.WithDbAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.OrderId == sale.OrderId));
        Assert.Equal(after, payout.Amount);
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task An_open_buyer_dispute_about_the_order_holds_the_payout_until_it_is_resolved()
    {
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 90m, serials: ["DISPUTED-1"]);
        await PayInvoiceByAchAsync(sale);
        var disputeId = await _app.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.OrderId == sale.OrderId);
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == sale.OrderId);
            var dispute = BuyerDispute.Open($"D-{Guid.NewGuid():N}"[..12], invoice, order.SellerId, order.DeliveredAt, false, BuyerDisputeReason.Damaged,
                "Two hinges cracked.", 90m, "school", _app.Clock.Now);
            // Order disputes are opened by their own use case (another change); the row, naming the order, is what the payout reads.
            Assert.Equal(sale.OrderId, dispute.OrderId);
            db.BuyerDisputes.Add(dispute);
            await db.SaveChangesAsync();
            return dispute.Id;
        });

        _app.Clock.MoveTo(_today.AddDays(31));
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        Assert.False(await HasPayoutAsync(sale));
        Assert.Equal("Payout held: the buyer's dispute about the order is still open", await PayoutLineAsync(sale));
        var finance = await BrowserClient.SignInAsync(_app, LotJourneys.Finance);
        Assert.Contains("Payout held: the buyer's dispute about the order is still open", WebUtility.HtmlDecode(await finance.GetPageAsync($"/finance/orders/{sale.OrderId}")));

        await _app.WithDbAsync(async db =>
        {
            (await db.BuyerDisputes.SingleAsync(d => d.Id == disputeId)).Resolve(DisputeOutcome.NoRefund, null, 90m, "The damage was reported late.", "admin", _app.Clock.Now);
            await db.SaveChangesAsync();
        });
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        Assert.True(await HasPayoutAsync(sale));
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task Without_a_W9_on_file_the_payout_waits_and_the_daily_job_pays_it_once_a_W9_is_approved()
    {
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 75m, serials: ["W9-HELD-1"]);
        await PayInvoiceByAchAsync(sale);
        var sellerId = await _app.WithDbAsync(db => db.Orders.Where(o => o.Id == sale.OrderId).Select(o => o.SellerId).SingleAsync());
        await _app.WithDbAsync(async db =>
        {
            var w9 = await db.OrganizationDocuments.Where(d => d.OrganizationId == sellerId && d.Kind == DocumentKind.W9).Select(d => d.Id).ToListAsync();
            await db.OrganizationDocumentFiles.Where(f => w9.Contains(f.DocumentId)).ExecuteDeleteAsync();
            await db.OrganizationDocuments.Where(d => w9.Contains(d.Id)).ExecuteDeleteAsync();
        });
        Assert.Contains("it waits until a W-9 is on file", await PayoutLineAsync(sale));

        _app.Clock.MoveTo(_today.AddDays(31));
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        Assert.False(await HasPayoutAsync(sale));
        Assert.Equal("Payout held: no W-9 on file", await PayoutLineAsync(sale));

        await _app.WithDbAsync(async db =>
        {
            var seller = await db.Organizations.SingleAsync(o => o.Id == sellerId);
            var w9 = OrganizationDocument.Upload(seller, new DocumentDetails(DocumentKind.W9, seller.Ein!, "Owner", _today, null),
                new DocumentFile("w9.pdf", "application/pdf", "%PDF-1.4 w9"u8.ToArray()), "Owner", null, _app.Clock.Now);
            w9.Approve([], "admin", null, _app.Clock.Now);
            db.OrganizationDocuments.Add(w9);
            await db.SaveChangesAsync();
        });
        Assert.True(await _app.SendAsSystemAsync(new ReleaseDueSellerPayouts.Command()) >= 1);
        await MarketplaceFactory.EventuallyAsync(() => _app.WithDbAsync(db => db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.OrderId == sale.OrderId)),
            "the payout once the W-9 is on file");
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task A_card_paid_order_is_transferred_from_its_charge_once_even_when_stripe_fails_the_first_attempt()
    {
        var sale = await CardPaidDeliveredOrderAsync(200m, "ch_3OrderPayout", "pi_3OrderPayout");
        var owed = await OwedAsync(sale);
        _app.Clock.MoveTo(_today.AddDays(31));
        _stripe.FailNext("/v1/transfers", 1, StripeFault.ServerError);

        await Assert.ThrowsAnyAsync<Exception>(() => _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId)));
        Assert.False(await HasPayoutAsync(sale));
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));

        var transfer = Assert.Single(_stripe.Created("transfer"));
        var calls = _stripe.Calls.Where(c => c.Path == "/v1/transfers").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal($"order-payout-{sale.OrderId}", c.IdempotencyKey));
        Assert.Equal(("ch_3OrderPayout", $"order-{sale.OrderId}", SellerAccount), ((string?)calls[1].Form["source_transaction"], (string?)calls[1].Form["transfer_group"],
            (string?)calls[1].Form["destination"]));
        Assert.Contains(_stripe.Calls, c => c is { Path: "/v1/balance", StripeAccount: SellerAccount });
        var payout = await _app.WithDbAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.OrderId == sale.OrderId));
        Assert.Equal((PayoutMethod.StripeTransfer, PayoutStatus.Sent, owed, (string?)transfer["id"]), (payout.Method, payout.Status, payout.Amount, payout.Reference));
        Assert.Equal((long)(owed * 100), (long)transfer["amount"]!);
        Assert.Contains((string)transfer["id"]!, (await _app.WaitForAsync(sale.SellerEmail, $"Payout of {owed:C} for order {sale.Number}")).TextBody);
        Assert.Equal($"Paid {owed:C} on {_today.AddDays(31):MMMM d, yyyy} ({transfer["id"]})", await PayoutLineAsync(sale));
        await _app.WithDbAsync(async db =>
        {
            var sent = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).SingleAsync(t => t.IdempotencyKey == $"payout-sent:{payout.Id}");
            Assert.Equal((LedgerSource.RefurbisherPayoutSent, (Guid?)sale.OrderId), (sent.Source, sent.OrderId));
            Assert.Contains(sent.Entries, e => e is { Account: LedgerAccount.StripeClearing } && e.Credit == owed);
            Assert.Equal(0m, (await db.RefurbisherPayableForOrderAsync(sale.OrderId, payout.PayeeId, "USD", default)).Amount);
        });
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task A_seller_whose_connected_account_cannot_take_payouts_is_paid_through_finances_queue_instead()
    {
        var sale = await CardPaidDeliveredOrderAsync(110m, "ch_3Disabled", "pi_3Disabled", payoutsEnabled: false);
        _app.Clock.MoveTo(_today.AddDays(31));

        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));

        Assert.DoesNotContain(_stripe.Calls, c => c.Path == "/v1/transfers");
        var payout = await _app.WithDbAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.OrderId == sale.OrderId));
        Assert.Equal((PayoutMethod.Ach, PayoutStatus.AwaitingApproval), (payout.Method, payout.Status));
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task A_negative_connected_account_balance_holds_the_transfer_until_it_recovers()
    {
        var sale = await CardPaidDeliveredOrderAsync(110m, "ch_3Negative", "pi_3Negative");
        _stripe.SetAvailableBalance(SellerAccount, -2500);
        _app.Clock.MoveTo(_today.AddDays(31));

        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        Assert.False(await HasPayoutAsync(sale));
        Assert.DoesNotContain(_stripe.Calls, c => c.Path == "/v1/transfers");

        _stripe.SetAvailableBalance(SellerAccount, 0);
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        Assert.Single(_stripe.Created("transfer"));
    }

    [Fact]
    public async Task A_refund_after_the_transfer_reverses_the_sellers_share_once_however_often_stripe_reports_it()
    {
        var sale = await CardPaidDeliveredOrderAsync(300m, "ch_3AfterPayout", "pi_3AfterPayout");
        _app.Clock.MoveTo(_today.AddDays(31));
        await _app.SendAsSystemAsync(new ReleaseSellerFunds.Command(sale.OrderId));
        var payout = await _app.WithDbAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.OrderId == sale.OrderId));
        var invoice = await _app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == sale.OrderId));
        var refund = StripeShapes.Refund("re_3AfterPayout", "ch_3AfterPayout", "pi_3AfterPayout", 10000);
        var refunded = LocalStripeServer.Event("evt_after_payout", "charge.refunded",
            StripeShapes.Charge("ch_3AfterPayout", "pi_3AfterPayout", (long)(invoice.Amount * 100), refund));

        await PostWebhookAsync(refunded);
        await PostWebhookAsync(refunded);
        await PostWebhookAsync(LocalStripeServer.Event("evt_after_payout_updated", "charge.refund.updated", refund));

        var reversal = Assert.Single(_stripe.Calls, c => c.Path == $"/v1/transfers/{payout.Reference}/reversals");
        Assert.Equal("reversal-re_3AfterPayout", reversal.IdempotencyKey);
        var reversed = await _app.WithDbAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.Id == payout.Id));
        Assert.InRange(reversed.AmountReversed, 0.01m, 100m);
        Assert.Equal(reversed.AmountReversed * 100, long.Parse(reversal.Form["amount"]!));
        await _app.WithDbAsync(async db =>
        {
            var posting = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).SingleAsync(t => t.Source == LedgerSource.TransferReversal);
            Assert.Equal((Guid?)sale.OrderId, posting.OrderId);
            Assert.Contains(posting.Entries, e => e is { Account: LedgerAccount.RefurbisherPayable } && e.Credit == reversed.AmountReversed);
            // The reversal is owed back to the seller and the refund takes it off again: nothing is left owed or overpaid.
            Assert.Equal(0m, (await db.RefurbisherPayableForOrderAsync(sale.OrderId, payout.PayeeId, "USD", default)).Amount);
        });
        await AssertLedgerBalancesAsync();
    }

    /// <summary>A delivered order the school paid by card (charge on the local Stripe), sold by a refurbisher with a connected account.</summary>
    private async Task<ReturnsTests.Sale> CardPaidDeliveredOrderAsync(decimal price, string charge, string paymentIntent, bool payoutsEnabled = true)
    {
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price, [$"{charge}-SN"]);
        var invoice = await _app.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.OrderId == sale.OrderId);
            invoice.Method = PaymentMethod.Card;
            invoice.RecordStripePayment(paymentIntent, charge);
            invoice.MarkPaid(PaymentMethod.Card, charge, _app.Clock.Now);
            db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, _app.Clock.Now));
            var sellerId = await db.Orders.Where(o => o.Id == sale.OrderId).Select(o => o.SellerId).SingleAsync();
            (await db.Organizations.SingleAsync(o => o.Id == sellerId)).StripeAccountId = SellerAccount;
            await db.SaveChangesAsync();
            return invoice;
        });
        _stripe.AddCharge(charge, paymentIntent, (long)(invoice.Amount * 100), 0, $"order-{sale.OrderId}");
        _stripe.AddAccount(SellerAccount, payoutsEnabled);
        return sale;
    }

    private async Task PayInvoiceByAchAsync(ReturnsTests.Sale sale)
    {
        var invoiceId = await _app.WithDbAsync(db => db.Invoices.Where(i => i.OrderId == sale.OrderId).Select(i => i.Id).SingleAsync());
        await _app.SendAsAsync(LotJourneys.Finance, new MarkInvoicePaid.Command(invoiceId, PaymentMethod.Ach, $"ACH-IN-{sale.Number}"));
    }

    private Task<decimal> OwedAsync(ReturnsTests.Sale sale) =>
        _app.WithDbAsync(async db =>
        {
            var sellerId = await db.Orders.Where(o => o.Id == sale.OrderId).Select(o => o.SellerId).SingleAsync();
            return (await db.RefurbisherPayableForOrderAsync(sale.OrderId, sellerId, "USD", default)).Amount;
        });

    private Task<bool> HasPayoutAsync(ReturnsTests.Sale sale) => _app.WithDbAsync(db => db.Payouts.AnyAsync(p => p.OrderId == sale.OrderId));

    /// <summary>The payout line the seller reads for the order on its delivered orders.</summary>
    private async Task<string> PayoutLineAsync(ReturnsTests.Sale sale)
    {
        var page = await sale.Seller.GetPageAsync("/store/sales?show=Delivered");
        var cell = System.Text.RegularExpressions.Regex.Match(page, $"data-testid=\"payout-{sale.Number}\">([^<]*)</td>");
        Assert.True(cell.Success, $"no payout cell for {sale.Number}");
        return WebUtility.HtmlDecode(cell.Groups[1].Value);
    }

    private async Task PostWebhookAsync(string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", LocalStripeServer.Sign(payload, WebhookSecret, DateTimeOffset.UtcNow));
        var response = await BrowserClient.Anonymous(_app).Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private Task AssertLedgerBalancesAsync() =>
        _app.WithDbAsync(async db =>
        {
            var transactions = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).ToListAsync();
            Assert.All(transactions, t => Assert.True(t.Entries.Sum(e => e.Debit) == t.Entries.Sum(e => e.Credit), $"{t.IdempotencyKey} does not balance"));
        });
}
