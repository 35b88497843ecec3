using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Features.Storefront;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Disputes;
using Marketplace.Web.Features.Finance;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Settlement;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Disputes;

/// <summary>
/// A school disputes a delivered storefront order within five business days of delivery; the platform's admin decides from the
/// disputes queue. The money goes back as for a lot: a card refund through Stripe, a credit on an unpaid purchase-order invoice,
/// or, on a paid one, a refund owed back that finance sends and records. A lot's payout waits while its buyer's dispute is open.
/// </summary>
public sealed class OrderDisputeTests : IAsyncLifetime
{
    private const string Admin = "admin@demo.k12";
    private LocalStripeServer _stripe = null!;
    private ClockedMarketplaceFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _stripe = await LocalStripeServer.StartAsync();
        _app = new ClockedMarketplaceFactory();
        _app.Settings["Stripe:SecretKey"] = "sk_test_local";
        _app.Settings["Stripe:WebhookSecret"] = "whsec_order_disputes";
        _app.Settings["Stripe:ApiBase"] = _stripe.Url;
        _app.Settings["Stripe:MaxNetworkRetries"] = "0";
        _app.Clock.MoveTo(DateOnly.FromDateTime(DateTime.UtcNow));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task The_school_may_dispute_a_delivered_order_until_five_business_days_after_delivery_once_at_a_time_and_not_a_second_later()
    {
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 150m, serials: ["DSP-WIN-1", "DSP-WIN-2"]);
        var delivered = await _app.WithDbAsync(db => db.Orders.Where(o => o.Id == sale.OrderId).Select(o => o.DeliveredAt!.Value).SingleAsync());
        var deadline = BusinessCalendar.AddBusinessDays(delivered, BuyerDispute.WindowBusinessDays);

        _app.Clock.Freeze(deadline.AddSeconds(1));
        var late = await Assert.ThrowsAsync<DomainException>(() => OpenAsync(sale, 50m));
        Assert.Contains("5 business days to dispute ended", late.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Open dispute</button>", await sale.School.GetPageAsync($"/store/orders/{sale.OrderId}"), StringComparison.Ordinal);

        _app.Clock.Freeze(deadline);
        var owed = await _app.WithDbAsync(db => db.Invoices.Where(i => i.OrderId == sale.OrderId).Select(i => i.Amount).SingleAsync());
        var tooMuch = await Assert.ThrowsAsync<DomainException>(() => OpenAsync(sale, owed + 0.01m));
        Assert.Contains("what was owed on invoice", tooMuch.Message, StringComparison.Ordinal);

        var page = WebUtility.HtmlDecode(await sale.School.GetPageAsync($"/store/orders/{sale.OrderId}"));
        Assert.Contains($"You may dispute it until <strong>{deadline:MMMM d, yyyy h:mm tt} UTC</strong>", page, StringComparison.Ordinal);
        var opened = WebUtility.HtmlDecode(await sale.School.SubmitAsync($"/store/orders/{sale.OrderId}", $"/store/orders/{sale.OrderId}/disputes",
            new() { ["reason"] = "Damaged", ["details"] = "Two hinges cracked on arrival.", ["amountClaimed"] = "60.00" }));
        Assert.Contains("Dispute opened.", opened, StringComparison.Ordinal);

        var dispute = await _app.WithDbAsync(db => db.BuyerDisputes.AsNoTracking().SingleAsync(d => d.OrderId == sale.OrderId));
        Assert.Equal((DisputeState.Open, (Guid?)null, 60m, delivered), (dispute.State, dispute.LotId, dispute.AmountClaimed, dispute.ReceivedAt));
        var again = await Assert.ThrowsAsync<DomainException>(() => OpenAsync(sale, 10m));
        Assert.Contains("already open", again.Message, StringComparison.Ordinal);

        await _app.WaitForAsync(sale.SellerEmail, $"Order {sale.Number}: the buyer opened dispute {dispute.Number}");
        await _app.WaitForAsync(sale.SchoolEmail, $"Dispute {dispute.Number} opened for order {sale.Number}");
        Assert.Contains(dispute.Number, await sale.Seller.GetPageAsync($"/store/sales/{sale.OrderId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organization_can_neither_open_nor_see_a_dispute_on_an_order_it_did_not_buy()
    {
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 90m, serials: ["DSP-STRANGER-1"]);
        await OpenAsync(sale, 20m);
        var stranger = await _app.AddOrganizationWithUserAsync($"Stranger Elementary {Guid.NewGuid():N}", OrganizationKind.School);

        await Assert.ThrowsAsync<NotFoundException>(() => _app.SendAsAsync(stranger,
            OpenDispute.Command.ForOrder(sale.OrderId, BuyerDisputeReason.DevicesMissing, "Not ours.", 10m)));
        await Assert.ThrowsAsync<NotFoundException>(() => _app.QueryAsAsync(stranger, GetDisputes.Query.ForOrder(sale.OrderId)));
        await Assert.ThrowsAsync<NotFoundException>(() => _app.QueryAsAsync(LotJourneys.Refurbisher, GetDisputes.Query.ForOrder(sale.OrderId)));
        Assert.Single(await _app.WithDbAsync(db => db.BuyerDisputes.ToListAsync()));
    }

    [Fact]
    public async Task A_full_refund_on_an_unpaid_purchase_order_is_credited_on_the_invoice_and_both_sides_see_the_outcome()
    {
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 120m, serials: ["DSP-PO-1", "DSP-PO-2"]);
        var invoice = await InvoiceAsync(sale);
        var id = await OpenAsync(sale, invoice.Amount);

        await _app.SendAsAsync(Admin, new ResolveDispute.Command(id, DisputeOutcome.FullRefund, null, "Both units arrived dead."));

        Assert.DoesNotContain(_stripe.Calls, c => c.Path == "/v1/refunds");
        await _app.WithDbAsync(async db =>
        {
            var credited = await db.Invoices.SingleAsync(i => i.Id == invoice.Id);
            Assert.Equal((InvoiceStatus.Open, invoice.Amount, 0m), (credited.Status, credited.RefundedAmount, credited.AmountDue));
            var posting = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.IdempotencyKey == $"dispute-credit:{id}");
            Assert.Contains(posting.Entries, e => e is { Account: LedgerAccount.BuyerReceivable } && e.Credit == invoice.Amount && e.OrganizationId == invoice.PayerId);
            Assert.Empty(await db.BuyerRefunds.ToListAsync());
            // The receivable of the order is settled by the credit, and the seller is owed nothing of it any more.
            Assert.Equal(0m, await BalanceAsync(db, LedgerAccount.BuyerReceivable, sale.OrderId));
            Assert.Equal(0m, await BalanceAsync(db, LedgerAccount.RefurbisherPayable, sale.OrderId));
        });
        await AssertLedgerBalancesAsync();

        var dispute = await _app.WithDbAsync(db => db.BuyerDisputes.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Contains("credited on invoice", (await _app.WaitForAsync(sale.SchoolEmail, $"Dispute {dispute.Number} on order {sale.Number}: {dispute.OutcomeWords}")).TextBody);
        await _app.WaitForAsync(sale.SellerEmail, $"Dispute {dispute.Number} on order {sale.Number}: {dispute.OutcomeWords}");
        foreach (var page in new[] { await sale.School.GetPageAsync($"/store/orders/{sale.OrderId}"), await sale.Seller.GetPageAsync($"/store/sales/{sale.OrderId}") })
        {
            Assert.Contains(WebUtility.HtmlEncode(dispute.OutcomeWords), page, StringComparison.Ordinal);
            Assert.Contains("credited on the invoice", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_partial_refund_on_a_card_paid_order_is_one_stripe_refund_keyed_by_the_dispute_and_a_balanced_posting()
    {
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 200m, serials: ["DSP-CARD-1", "DSP-CARD-2"]);
        var invoice = await _app.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.OrderId == sale.OrderId);
            invoice.Method = PaymentMethod.Card;
            invoice.RecordStripePayment("pi_3OrderDispute", "ch_3OrderDispute");
            invoice.MarkPaid(PaymentMethod.Card, "ch_3OrderDispute", DateTimeOffset.UtcNow);
            db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, DateTimeOffset.UtcNow, null));
            await db.SaveChangesAsync();
            return invoice;
        });
        _stripe.AddCharge("ch_3OrderDispute", "pi_3OrderDispute", (long)(invoice.Amount * 100m), 0, $"order-{sale.OrderId}");
        var id = await OpenAsync(sale, 150m);

        await _app.SendAsAsync(Admin, new ResolveDispute.Command(id, DisputeOutcome.PartialRefund, 100m, "One unit would not charge."));
        await Assert.ThrowsAsync<DomainException>(() => _app.SendAsAsync(Admin, new ResolveDispute.Command(id, DisputeOutcome.PartialRefund, 100m, "again")));

        var call = Assert.Single(_stripe.Calls, c => c.Path == "/v1/refunds");
        Assert.Equal((10000L, "ch_3OrderDispute", $"dispute-refund-{id}"), (long.Parse(call.Form["amount"]!), call.Form["charge"].ToString(), call.IdempotencyKey));
        var refundId = (string)Assert.Single(_stripe.Created("refund"))["id"]!;
        await _app.WithDbAsync(async db =>
        {
            Assert.Equal(refundId, (await db.BuyerDisputes.SingleAsync(d => d.Id == id)).StripeRefundId);
            Assert.Equal(100m, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).RefundedAmount);
            var posting = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.IdempotencyKey == $"refund:{refundId}");
            Assert.Contains(posting.Entries, e => e.Account == LedgerAccount.StripeClearing && e.Credit == 100m);
            var share = posting.Entries.Single(e => e.Account == LedgerAccount.RefurbisherPayable).Debit;
            Assert.Equal(100m - share, posting.Entries.Where(e => e.Account == LedgerAccount.Refunds).Sum(e => e.Debit));
            Assert.InRange(share, 80m, 100m);
            Assert.Empty(await db.BuyerRefunds.ToListAsync());
        });
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task A_refund_on_a_paid_purchase_order_is_owed_back_in_buyer_credits_until_finance_records_it_sent()
    {
        var sale = await ReturnsTests.DeliveredOrderAsync(_app, price: 110m, serials: ["DSP-PAID-1", "DSP-PAID-2"]);
        var invoice = await InvoiceAsync(sale);
        await _app.SendAsAsync(LotJourneys.Finance, new MarkInvoicePaid.Command(invoice.Id, PaymentMethod.Ach, "ACH-PAID-PO-1"));
        var id = await OpenAsync(sale, 80m);

        await _app.SendAsAsync(Admin, new ResolveDispute.Command(id, DisputeOutcome.PartialRefund, 75m, "One unit had a cracked screen."));

        var owed = await _app.WithDbAsync(db => db.BuyerRefunds.AsNoTracking().SingleAsync(r => r.OrderId == sale.OrderId));
        Assert.Equal((75m, invoice.PayerId, $"dispute-credit:{id}", false), (owed.Amount, owed.PayerId, owed.PostingKey, owed.IsSent));
        await _app.WithDbAsync(async db =>
        {
            Assert.Equal(InvoiceStatus.Paid, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).Status);
            Assert.Equal(75m, await db.BalanceForAsync(LedgerAccount.BuyerCredits, invoice.PayerId, CancellationToken.None));
        });
        var orderPage = WebUtility.HtmlDecode(await sale.School.GetPageAsync($"/store/orders/{sale.OrderId}"));
        Assert.Contains($"refund {owed.Number}: $75.00 owed back to you since", orderPage, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"refund-{owed.Number}\"", orderPage, StringComparison.Ordinal);

        var finance = await BrowserClient.SignInAsync(_app, "finance@demo.k12");
        var queue = await finance.GetPageAsync("/finance/refunds?state=Owed");
        Assert.Contains(owed.Number, queue, StringComparison.Ordinal);
        var csv = await (await finance.Http.GetAsync("/finance/export?list=BuyerRefunds&format=Csv&refundState=Owed")).Content.ReadAsStringAsync();
        Assert.StartsWith("\"Refund\",\"Buyer\",\"Lot or order\"", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(owed.Number, csv, StringComparison.Ordinal);

        var recorded = await finance.SubmitAsync("/finance/refunds", $"/finance/refunds/{owed.Id}/sent", new() { ["method"] = "Check", ["reference"] = "CHK-10442" });
        Assert.Contains("Refund recorded as sent", recorded, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => _app.SendAsAsync(LotJourneys.Finance, new RecordBuyerRefundSent.Command(owed.Id, PaymentMethod.Check, "CHK-10443")));

        await _app.WithDbAsync(async db =>
        {
            var sent = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.IdempotencyKey == $"buyer-refund-sent:{owed.Id}");
            Assert.Contains(sent.Entries, e => e is { Account: LedgerAccount.BuyerCredits } && e.Debit == 75m && e.OrganizationId == invoice.PayerId);
            Assert.Contains(sent.Entries, e => e is { Account: LedgerAccount.Cash } && e.Credit == 75m);
            Assert.Equal(0m, await db.BalanceForAsync(LedgerAccount.BuyerCredits, invoice.PayerId, CancellationToken.None));
        });
        await AssertLedgerBalancesAsync();
        Assert.Contains("sent by Check", WebUtility.HtmlDecode(await sale.School.GetPageAsync($"/store/orders/{sale.OrderId}")), StringComparison.Ordinal);
        Assert.DoesNotContain(owed.Number, await finance.GetPageAsync("/finance/refunds?state=Owed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lots_payout_is_held_while_its_buyers_dispute_is_open_and_released_once_the_admin_decides()
    {
        var lot = await _app.SaveCertifiedAsync(900m);
        var id = await _app.SendAsAsync(LotJourneys.Refurbisher, OpenDispute.Command.ForLot(lot.Id, BuyerDisputeReason.DevicesMissing, "Four units missing.", 100m));
        var number = await _app.WithDbAsync(db => db.BuyerDisputes.Where(d => d.Id == id).Select(d => d.Number).SingleAsync());
        Assert.True(await _app.WithDbAsync(db => db.HasOpenDisputeAsync(lot.Id, null, CancellationToken.None)));

        await _app.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lot.Id));

        var held = await _app.WithDbAsync(db => db.LotSettlements.AsNoTracking().SingleAsync(s => s.LotId == lot.Id));
        Assert.Equal(SettlementStatus.Held, held.Status);
        Assert.Contains($"buyer dispute {number} is open", held.HoldReason, StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.Payouts.AnyAsync(p => p.LotId == lot.Id)));
        var notice = await MarketplaceFactory.EventuallyAsync(() => _app.WithDbAsync(db => db.EmailMessages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.Subject == $"Payout for lot {lot.Lot.Number} is on hold")), "the district's hold notice");
        Assert.Contains($"buyer dispute {number} is open", notice.Body, StringComparison.Ordinal);

        await _app.SendAsAsync(Admin, new ResolveDispute.Command(id, DisputeOutcome.NoRefund, null, "The manifest shows the units were never listed."));

        Assert.False(await _app.WithDbAsync(db => db.HasOpenDisputeAsync(lot.Id, null, CancellationToken.None)));
        await MarketplaceFactory.EventuallyAsync(() => _app.WithDbAsync(db => db.Payouts.AsNoTracking().FirstOrDefaultAsync(p => p.LotId == lot.Id)), "the payout released after the decision");
        Assert.Null(await _app.WithDbAsync(db => db.LotSettlements.Where(s => s.LotId == lot.Id).Select(s => s.HoldReason).SingleAsync()));
    }

    private Task<Guid> OpenAsync(ReturnsTests.Sale sale, decimal amount) =>
        _app.SendAsAsync(sale.SchoolEmail, OpenDispute.Command.ForOrder(sale.OrderId, BuyerDisputeReason.NotAsDescribed, "Listed grade A, arrived grade C.", amount));

    private Task<Invoice> InvoiceAsync(ReturnsTests.Sale sale) => _app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == sale.OrderId));

    private static async Task<decimal> BalanceAsync(MarketplaceDb db, LedgerAccount account, Guid orderId) =>
        (await db.LedgerEntries.Where(e => e.Account == account && db.LedgerTransactions.Any(t => t.Id == e.TransactionId && t.OrderId == orderId))
            .Select(e => new { e.Debit, e.Credit }).ToListAsync()).Sum(e => e.Debit - e.Credit);

    private async Task AssertLedgerBalancesAsync() =>
        await _app.WithDbAsync(async db =>
        {
            var transactions = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).ToListAsync();
            Assert.All(transactions, t => Assert.True(t.Entries.Sum(e => e.Debit) == t.Entries.Sum(e => e.Credit), $"{t.IdempotencyKey} does not balance"));
        });
}
