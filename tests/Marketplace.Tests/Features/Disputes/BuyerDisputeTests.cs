using System.Net;
using System.Text;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Disputes;
using Marketplace.Web.Features.Settlement;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Disputes;

/// <summary>
/// A lot's buyer disputes what it received; the platform's admin decides. The money moves through the refund code the
/// Stripe webhooks use (a card refund through Stripe, a credit for a purchase order), and the ledger stays balanced.
/// </summary>
public sealed class BuyerDisputeTests : IAsyncLifetime
{
    private const string Buyer = "refurbisher@demo.k12";
    private const string Admin = "admin@demo.k12";
    private const string WebhookSecret = "whsec_disputes";
    private const string DistrictAccount = "acct_1MapleValleyDisputes";
    private LocalStripeServer _stripe = null!;
    private ClockedMarketplaceFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _stripe = await LocalStripeServer.StartAsync();
        _factory = new ClockedMarketplaceFactory();
        _factory.Settings["Stripe:SecretKey"] = "sk_test_local";
        _factory.Settings["Stripe:WebhookSecret"] = WebhookSecret;
        _factory.Settings["Stripe:ApiBase"] = _stripe.Url;
        _factory.Settings["Stripe:MaxNetworkRetries"] = "0";
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task The_buyer_may_dispute_until_five_business_days_after_receipt_over_the_weekend_and_not_a_second_later()
    {
        var lot = await _factory.SaveCertifiedAsync(1000m);
        var received = await _factory.WithDbAsync(db => db.LotFulfillments.Where(f => f.LotId == lot.Id).Select(f => f.ReceivedAt!.Value).SingleAsync());
        var deadline = BusinessCalendar.AddBusinessDays(received, 5);
        Assert.True((deadline - received).TotalDays >= 7, "five business days always span a weekend");

        _factory.Clock.Freeze(deadline.AddSeconds(1));
        var late = await Assert.ThrowsAsync<DomainException>(() => OpenAsync(lot.Id, 100m));
        Assert.Contains("5 business days to dispute ended", late.Message, StringComparison.Ordinal);

        _factory.Clock.Freeze(deadline);
        var id = await OpenAsync(lot.Id, 100m);

        var dispute = await _factory.WithDbAsync(db => db.BuyerDisputes.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal((DisputeState.Open, lot.Id, 100m, received), (dispute.State, dispute.LotId, dispute.AmountClaimed, dispute.ReceivedAt));
        var again = await Assert.ThrowsAsync<DomainException>(() => OpenAsync(lot.Id, 50m));
        Assert.Contains("already open", again.Message, StringComparison.Ordinal);
        foreach (var subject in (string[])[$"Lot {lot.Lot.Number}: the buyer opened dispute {dispute.Number}", $"Dispute {dispute.Number} opened for lot {lot.Lot.Number}"])
        {
            await MarketplaceFactory.EventuallyAsync(() => _factory.WithDbAsync(db => db.EmailMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Subject == subject)), subject);
        }
    }

    [Fact]
    public async Task A_full_refund_of_a_purchase_order_payment_is_a_credit_to_the_buyer_taken_off_the_districts_payable_and_the_platforms_fees()
    {
        var lot = await _factory.SaveCertifiedAsync(1000m);
        var invoice = await InvoiceAsync(lot.Id);
        var proceeds = await _factory.WithDbAsync(async db => (await db.DistrictPayableForLotAsync(lot.Id, "USD", CancellationToken.None)).Amount);
        var id = await OpenAsync(lot.Id, invoice.Amount);

        var outcome = await _factory.SendAsAsync(Admin, new ResolveDispute.Command(id, DisputeOutcome.FullRefund, null, "The lot arrived water-damaged; photos confirm it."));

        Assert.Equal(DisputeOutcome.FullRefund, outcome);
        Assert.DoesNotContain(_stripe.Calls, c => c.Path == "/v1/refunds");
        await _factory.WithDbAsync(async db =>
        {
            var dispute = await db.BuyerDisputes.SingleAsync(d => d.Id == id);
            Assert.Equal((DisputeState.Resolved, invoice.Amount, (string?)null), (dispute.State, dispute.RefundAmount, dispute.StripeRefundId));
            Assert.Equal(invoice.Amount, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).RefundedAmount);
            var posting = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.IdempotencyKey == $"dispute-credit:{id}");
            Assert.Equal(LedgerSource.Refund, posting.Source);
            Assert.Contains(posting.Entries, e => e is { Account: LedgerAccount.BuyerCredits } && e.Credit == invoice.Amount && e.OrganizationId == invoice.PayerId);
            Assert.Contains(posting.Entries, e => e.Account == LedgerAccount.DistrictPayable && e.Debit == proceeds);
            Assert.Contains(posting.Entries, e => e.Account == LedgerAccount.Refunds && e.Debit == invoice.Amount - proceeds);
            Assert.Equal(0m, (await db.DistrictPayableForLotAsync(lot.Id, "USD", CancellationToken.None)).Amount);
            Assert.Equal(invoice.Amount, await db.BalanceForAsync(LedgerAccount.BuyerCredits, invoice.PayerId, CancellationToken.None));
        });
        await AssertLedgerBalancesAsync();
        var owed = await _factory.WithDbAsync(db => db.BuyerRefunds.AsNoTracking().SingleAsync(r => r.PostingKey == $"dispute-credit:{id}"));
        Assert.Equal((invoice.Amount, invoice.PayerId, false), (owed.Amount, owed.PayerId, owed.IsSent));
        await MarketplaceFactory.EventuallyAsync(() => _factory.WithDbAsync(db => db.EmailMessages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.Subject.StartsWith($"Refund {owed.Number} of ") && m.Body.Contains(invoice.Number))), "finance's refund-owed e-mail");

        var buyer = await BrowserClient.SignInAsync(_factory, Buyer);
        var page = await buyer.GetPageAsync($"/purchases/{lot.Id}");
        Assert.Contains("Resolved: full refund of", page, StringComparison.Ordinal);
        Assert.Contains($"refund {owed.Number}: ", page, StringComparison.Ordinal);
        Assert.Contains("owed back to you since", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_card_refund_goes_through_stripe_once_reverses_the_sellers_share_of_the_sent_transfer_and_its_webhook_posts_nothing_more()
    {
        var (lotId, invoice) = await CardPaidCertifiedLotAsync(1000m, "ch_3Disputed", "pi_3Disputed");
        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));
        var transferId = await _factory.WithDbAsync(db => db.Payouts.Where(p => p.LotId == lotId).Select(p => p.Reference!).SingleAsync());
        var proceeds = await ProceedsAsync(lotId);
        var id = await OpenAsync(lotId, 400m);

        await _factory.SendAsAsync(Admin, new ResolveDispute.Command(id, DisputeOutcome.PartialRefund, 300m, "Three units were missing chargers; a partial refund."));
        await Assert.ThrowsAsync<DomainException>(() => _factory.SendAsAsync(Admin, new ResolveDispute.Command(id, DisputeOutcome.PartialRefund, 300m, "again")));

        var refundCall = Assert.Single(_stripe.Calls, c => c.Path == "/v1/refunds");
        Assert.Equal((30000L, "ch_3Disputed", $"dispute-refund-{id}"), (long.Parse(refundCall.Form["amount"]!), refundCall.Form["charge"].ToString(), refundCall.IdempotencyKey));
        var refund = Assert.Single(_stripe.Created("refund"));
        var share = decimal.Round(300m * proceeds / invoice.Amount, 2, MidpointRounding.AwayFromZero);
        var reversal = Assert.Single(_stripe.Created("transfer_reversal"));
        Assert.Equal(Minor(share), (long)reversal["amount"]!);
        Assert.Equal("reversal-" + (string)refund["id"]!, Assert.Single(_stripe.Calls, c => c.Path == $"/v1/transfers/{transferId}/reversals").IdempotencyKey);

        // Stripe then reports the refund we made: already posted under its id, nothing more.
        var refundShape = StripeShapes.Refund((string)refund["id"]!, "ch_3Disputed", "pi_3Disputed", 30000);
        await PostWebhookAsync(LocalStripeServer.Event("evt_dispute_refund", "charge.refunded", StripeShapes.Charge("ch_3Disputed", "pi_3Disputed", Minor(invoice.Amount), refundShape)));

        await _factory.WithDbAsync(async db =>
        {
            var dispute = await db.BuyerDisputes.SingleAsync(d => d.Id == id);
            Assert.Equal(((string?)refund["id"], 300m, DisputeOutcome.PartialRefund), (dispute.StripeRefundId, dispute.RefundAmount, dispute.Outcome));
            Assert.Equal(1, await db.LedgerTransactions.CountAsync(t => t.Source == LedgerSource.Refund));
            Assert.Equal(1, await db.LedgerTransactions.CountAsync(t => t.Source == LedgerSource.TransferReversal));
            Assert.Equal(300m, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).RefundedAmount);
            // The district's payable lost its share of the refund and got the reversed transfer back: owed nothing now, as before.
            Assert.Equal(0m, (await db.DistrictPayableForLotAsync(lotId, "USD", CancellationToken.None)).Amount);
            Assert.Equal(share, (await db.Payouts.SingleAsync(p => p.LotId == lotId)).AmountReversed);
        });
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task No_refund_closes_the_dispute_without_a_posting_and_the_unreleased_sellers_payable_is_only_reduced_by_refunds()
    {
        var lot = await _factory.SaveCertifiedAsync(800m);
        var id = await OpenAsync(lot.Id, 120m);
        var postings = await _factory.WithDbAsync(db => db.LedgerTransactions.CountAsync());
        var payable = await _factory.WithDbAsync(async db => (await db.DistrictPayableForLotAsync(lot.Id, "USD", CancellationToken.None)).Amount);

        await _factory.SendAsAsync(Admin, new ResolveDispute.Command(id, DisputeOutcome.NoRefund, null, "The devices match the manifest's grades."));

        Assert.Equal(postings, await _factory.WithDbAsync(db => db.LedgerTransactions.CountAsync()));
        Assert.Equal(payable, await _factory.WithDbAsync(async db => (await db.DistrictPayableForLotAsync(lot.Id, "USD", CancellationToken.None)).Amount));

        // A second dispute may follow the first; a partial refund takes the district's share of it off the payable.
        var second = await OpenAsync(lot.Id, 200m);
        await _factory.SendAsAsync(Admin, new ResolveDispute.Command(second, DisputeOutcome.PartialRefund, 150m, "Two hinges broken."));
        var invoice = await InvoiceAsync(lot.Id);
        var share = decimal.Round(150m * payable / invoice.Amount, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(payable - share, await _factory.WithDbAsync(async db => (await db.DistrictPayableForLotAsync(lot.Id, "USD", CancellationToken.None)).Amount));
        await AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task The_finance_disputes_queue_lists_open_disputes_first_filters_by_state_and_exports_them()
    {
        var (first, second) = (await _factory.SaveCertifiedAsync(900m), await _factory.SaveCertifiedAsync(700m));
        var resolved = await OpenAsync(first.Id, 90m);
        await _factory.SendAsAsync(Admin, new ResolveDispute.Command(resolved, DisputeOutcome.NoRefund, null, "Not as claimed."));
        var open = await OpenAsync(second.Id, 70m);
        var numbers = await _factory.WithDbAsync(db => db.BuyerDisputes.ToDictionaryAsync(d => d.Id, d => d.Number));

        var finance = await BrowserClient.SignInAsync(_factory, "finance@demo.k12");
        var all = await finance.GetPageAsync("/finance/disputes");
        Assert.True(all.IndexOf(numbers[open], StringComparison.Ordinal) < all.IndexOf(numbers[resolved], StringComparison.Ordinal), "open disputes come first");
        Assert.DoesNotContain("Decide</button>", all, StringComparison.Ordinal);
        var onlyOpen = await finance.GetPageAsync("/finance/disputes?state=Open");
        Assert.Contains(numbers[open], onlyOpen, StringComparison.Ordinal);
        Assert.DoesNotContain(numbers[resolved], onlyOpen, StringComparison.Ordinal);

        var csv = await finance.Http.GetAsync("/finance/export?list=Disputes&format=Csv&disputeState=Resolved");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains(numbers[resolved], text, StringComparison.Ordinal);
        Assert.DoesNotContain(numbers[open], text, StringComparison.Ordinal);
        Assert.StartsWith("\"Dispute\",\"Lot or order\",\"Invoice\"", text.TrimStart('\uFEFF'), StringComparison.Ordinal);

        var admin = await BrowserClient.SignInAsync(_factory, Admin);
        var page = await admin.SubmitAsync("/finance/disputes", $"/finance/disputes/{open}/resolve",
            new() { ["outcome"] = "PartialRefund", ["amount"] = "25.00", ["note"] = "One unit had a cracked screen." });
        Assert.Contains("Dispute resolved and the refund posted", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_lots_buyer_may_open_a_dispute_and_a_stranger_learns_nothing_of_the_lot()
    {
        var lot = await _factory.SaveCertifiedAsync(600m);
        var (stranger, _) = await _factory.AddCertifiedRefurbisherAsync("Stranger ITAD");

        await Assert.ThrowsAsync<NotFoundException>(() => _factory.SendAsAsync(stranger, OpenDispute.Command.ForLot(lot.Id, BuyerDisputeReason.DevicesMissing, "Not ours.", 10m)));
        await Assert.ThrowsAsync<NotFoundException>(() => _factory.QueryAsAsync(stranger, GetDisputes.Query.ForLot(lot.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => _factory.QueryAsAsync("district2@demo.k12", GetDisputes.Query.ForLot(lot.Id)));
        Assert.Empty(await _factory.WithDbAsync(db => db.BuyerDisputes.ToListAsync()));
    }

    private Task<Guid> OpenAsync(Guid lotId, decimal amount) =>
        _factory.SendAsAsync(Buyer, OpenDispute.Command.ForLot(lotId, BuyerDisputeReason.NotAsDescribed, "Six units arrived grade D, listed as B.", amount));

    private Task<Invoice> InvoiceAsync(Guid lotId) => _factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.LotId == lotId));

    private Task<decimal> ProceedsAsync(Guid lotId) =>
        _factory.WithDbAsync(async db => (await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries)
            .SingleAsync(t => t.LotId == lotId && t.Source == LedgerSource.LotSale)).Entries.Where(e => e.Account == LedgerAccount.DistrictPayable).Sum(e => e.Credit));

    /// <summary>A certified lot whose buyer paid by card (charge on Stripe), sold by a district with a connected account.</summary>
    private async Task<(Guid LotId, Invoice Invoice)> CardPaidCertifiedLotAsync(decimal hammer, string charge, string paymentIntent)
    {
        var sample = await _factory.SaveCertifiedAsync(hammer);
        var invoice = await _factory.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.LotId == sample.Id);
            // The sample was paid by ACH; this buyer paid by card, so the payment is posted to Stripe clearing instead.
            var ach = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.IdempotencyKey == $"payment:{invoice.Id}");
            db.LedgerTransactions.Remove(ach);
            invoice.Method = PaymentMethod.Card;
            invoice.RecordStripePayment(paymentIntent, charge);
            await db.SaveChangesAsync();
            db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, DateTimeOffset.UtcNow, sample.Lot.DistrictId));
            (await db.Organizations.SingleAsync(o => o.Id == sample.Lot.DistrictId)).StripeAccountId = DistrictAccount;
            await db.SaveChangesAsync();
            return invoice;
        });
        _stripe.AddCharge(charge, paymentIntent, Minor(invoice.Amount), 0, $"lot-{sample.Id}");
        _stripe.AddAccount(DistrictAccount, payoutsEnabled: true);
        return (sample.Id, invoice);
    }

    private async Task PostWebhookAsync(string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", LocalStripeServer.Sign(payload, WebhookSecret, DateTimeOffset.UtcNow));
        var response = await BrowserClient.Anonymous(_factory).Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task AssertLedgerBalancesAsync() =>
        await _factory.WithDbAsync(async db =>
        {
            var transactions = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).ToListAsync();
            Assert.All(transactions, t => Assert.True(t.Entries.Sum(e => e.Debit) == t.Entries.Sum(e => e.Credit), $"{t.IdempotencyKey} does not balance"));
            // The monthly totals the dashboard reads followed every posting of the scenario.
            var lines = await db.LedgerEntries.GroupBy(e => e.Account).Select(g => new { g.Key, Debit = g.Sum(e => e.Debit), Credit = g.Sum(e => e.Credit) }).ToListAsync();
            var totals = (await db.LedgerMonthlyTotals.GroupBy(t => t.Account).Select(g => new { g.Key, Debit = g.Sum(t => t.Debit), Credit = g.Sum(t => t.Credit) }).ToListAsync())
                .Where(t => t.Debit != 0 || t.Credit != 0);
            Assert.Equal(lines.OrderBy(l => l.Key).Select(l => (l.Key, l.Debit, l.Credit)), totals.OrderBy(t => t.Key).Select(t => (t.Key, t.Debit, t.Credit)));
        });

    private static long Minor(decimal amount) => (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);
}
