using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Finance;
using Marketplace.Web.Features.Settlement;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Finance;

/// <summary>
/// The ledger's Stripe postings against the balance transactions the local Stripe server lists (Stripe's shapes and paging),
/// read through the provider's auto-paging list call.
/// </summary>
public sealed class StripeReconciliationViewTests : IAsyncLifetime
{
    private const string Finance = "finance@demo.k12";
    private const string DistrictAccount = "acct_1MapleValleyRecon";
    private LocalStripeServer _stripe = null!;
    private MarketplaceFactory _factory = null!;
    private static string Month => DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync()
    {
        _stripe = await LocalStripeServer.StartAsync();
        _factory = new MarketplaceFactory();
        _factory.Settings["Stripe:SecretKey"] = "sk_test_local";
        _factory.Settings["Stripe:WebhookSecret"] = "whsec_recon";
        _factory.Settings["Stripe:ApiBase"] = _stripe.Url;
        _factory.Settings["Stripe:MaxNetworkRetries"] = "0";
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task A_period_whose_card_payment_fee_and_transfer_are_all_posted_shows_no_differences()
    {
        var (lotId, _) = await CardPaidCertifiedLotAsync(1000m, "ch_3Clean", fee: 2930, postedFee: 29.30m);
        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lotId));
        Assert.Single(_stripe.Created("transfer"));

        var result = await _factory.QueryAsAsync(Finance, new GetStripeReconciliation.Query(Month, Month));

        var reconciliation = result.Reconciliation!;
        Assert.True(reconciliation.IsClean, string.Join("\n", reconciliation.Differences));
        Assert.Equal((2, 2, 2), (reconciliation.Matched, reconciliation.StripeCount, reconciliation.LedgerCount));
        var page = await (await BrowserClient.SignInAsync(_factory, Finance)).GetPageAsync($"/finance/reconciliation?from={Month}&to={Month}");
        Assert.Contains("No differences", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/finance/reconciliation\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refund_stripe_made_without_a_posting_and_a_fee_posted_wrong_are_listed_and_exported_as_csv()
    {
        await CardPaidCertifiedLotAsync(800m, "ch_3Fee", fee: 2350, postedFee: 23.00m);
        _stripe.AddBalanceTransaction("refund", -5000, 0, "re_3Unposted", DateTimeOffset.UtcNow);

        var result = await _factory.QueryAsAsync(Finance, new GetStripeReconciliation.Query(Month, Month));

        var differences = result.Reconciliation!.Differences;
        Assert.Equal([(ReconciliationDifferenceKind.InStripeNotInLedger, "re_3Unposted"), (ReconciliationDifferenceKind.FeeMismatch, "ch_3Fee")],
            differences.Select(d => (d.Kind, d.StripeId)).OrderBy(d => d.StripeId, StringComparer.Ordinal).Reverse());
        var fee = differences.Single(d => d.Kind == ReconciliationDifferenceKind.FeeMismatch);
        Assert.Equal((23.50m, 23.00m), (fee.StripeFee, fee.LedgerFee));

        var finance = await BrowserClient.SignInAsync(_factory, Finance);
        var page = await finance.GetPageAsync($"/finance/reconciliation?from={Month}&to={Month}");
        Assert.Contains("re_3Unposted", page, StringComparison.Ordinal);
        Assert.Contains("In stripe not in ledger", page, StringComparison.OrdinalIgnoreCase);
        var csv = await finance.Http.GetAsync($"/finance/export?list=StripeReconciliation&format=Csv&from={Month}&to={Month}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"Difference\",\"Stripe id\",\"What\",\"Stripe gross\",\"Stripe fee\",\"Ledger gross\",\"Ledger fee\"", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("ch_3Fee", StringComparison.Ordinal) && l.Contains("23.5", StringComparison.Ordinal) && l.Contains("0.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stripes_balance_transactions_are_read_page_after_page_until_has_more_is_false()
    {
        const int Payouts = 230;
        await _factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < Payouts; i++)
            {
                var id = $"po_3Paged{i:D3}";
                _stripe.AddBalanceTransaction("payout", -(10_000 + i), 0, id, DateTimeOffset.UtcNow);
                db.LedgerTransactions.Add(LedgerPostings.StripePayoutPaid(id, (10_000 + i) / 100m, DateTimeOffset.UtcNow));
            }

            await db.SaveChangesAsync();
        });
        // One more a month before the period: the created[gte] filter leaves it out.
        _stripe.AddBalanceTransaction("payout", -999, 0, "po_3LastMonth", DateTimeOffset.UtcNow.AddMonths(-1).AddDays(-1));

        var result = await _factory.QueryAsAsync(Finance, new GetStripeReconciliation.Query(Month, Month));

        Assert.True(result.Reconciliation!.IsClean, string.Join("\n", result.Reconciliation.Differences.Take(5)));
        Assert.Equal(Payouts, result.Reconciliation.Matched);
        var pages = _stripe.Calls.Where(c => c.Path == "/v1/balance_transactions").ToList();
        Assert.Equal(3, pages.Count);
        Assert.DoesNotContain("starting_after", pages[0].Query, StringComparison.Ordinal);
        Assert.All(pages.Skip(1), p => Assert.Contains("starting_after=txn_", p.Query, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.Contains("limit=100", p.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_stripe_the_page_says_there_is_nothing_to_reconcile_against()
    {
        await using var offline = new MarketplaceFactory();
        var page = await (await BrowserClient.SignInAsync(offline, Finance)).GetPageAsync("/finance/reconciliation");

        Assert.Contains("Stripe is not configured on this marketplace", page, StringComparison.Ordinal);
    }

    /// <summary>A certified lot paid by card: the charge (with its fee) on Stripe, the payment and the fee we posted in the ledger.</summary>
    private async Task<(Guid LotId, Invoice Invoice)> CardPaidCertifiedLotAsync(decimal hammer, string charge, long fee, decimal postedFee)
    {
        var sample = await _factory.SaveCertifiedAsync(hammer);
        var invoice = await _factory.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.SingleAsync(i => i.LotId == sample.Id);
            db.LedgerTransactions.Remove(await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.IdempotencyKey == $"payment:{invoice.Id}"));
            invoice.Method = PaymentMethod.Card;
            invoice.RecordStripePayment($"pi_{charge}", charge);
            await db.SaveChangesAsync();
            db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, DateTimeOffset.UtcNow, sample.Lot.DistrictId));
            db.LedgerTransactions.Add(LedgerPostings.StripeFee(invoice, charge, postedFee, DateTimeOffset.UtcNow, sample.Lot.DistrictId));
            (await db.Organizations.SingleAsync(o => o.Id == sample.Lot.DistrictId)).StripeAccountId = DistrictAccount;
            await db.SaveChangesAsync();
            return invoice;
        });
        _stripe.AddCharge(charge, $"pi_{charge}", (long)(invoice.Amount * 100), fee, $"lot-{sample.Id}");
        _stripe.AddAccount(DistrictAccount, payoutsEnabled: true);
        return (sample.Id, invoice);
    }
}
