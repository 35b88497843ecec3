using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Settlement;

/// <summary>
/// One app for the settlement tests. They run one after another within the class, so a test may change the
/// fee schedule (and puts it back) and compare the "paid out" figure before and after its own payout.
/// </summary>
public sealed class SettlementApp : MarketplaceFactory;

public sealed partial class SettlementTests(SettlementApp app) : IClassFixture<SettlementApp>
{
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task The_district_is_paid_on_the_awards_terms_when_the_fee_schedule_changes_before_the_payout()
    {
        var defaults = await FeesAsync();
        SoldLot lot;
        try
        {
            await SetFeesAsync(buyerPremium: 0.12m, sellerCommission: 0.05m);
            lot = await app.AwardedLotAsync(hammer: 2000m);
            await SetFeesAsync(buyerPremium: 0.20m, sellerCommission: 0.15m);
            await app.ReceiveAsync(await app.PickUpAsync(await app.SchedulePickupAsync(await app.PayAsync(lot))));
            await app.SanitizeEverySerialAsync(lot);
        }
        finally
        {
            await SetFeesAsync(defaults.Premium, defaults.Commission);
        }

        var payout = await app.PayoutAsync(lot.Id);
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/approve");
        await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/sent", new() { ["reference"] = "ACH-TRACE-2000" });

        Assert.Equal(2240m, await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == lot.InvoiceId).Select(i => i.Amount).SingleAsync()));
        Assert.Equal(2000m - 100m, payout.Amount);
        Assert.Equal(PayoutStatus.Sent, (await PayoutAsync(payout.Id)).Status);
        var fees = await LotBalancesAsync(lot.Id);
        Assert.Equal(240m + 100m, fees[LedgerAccount.PlatformFeeRevenue]);
        Assert.Equal(240m + 100m, fees[LedgerAccount.Cash]);
        Assert.Contains("$1,900.00", WebUtility.HtmlDecode(await finance.GetPageAsync("/finance/payouts")));
    }

    [Fact]
    public async Task A_settled_lot_leaves_no_receivable_or_payable_balance_and_every_transaction_balances()
    {
        var lot = await app.ReceivedLotAsync(hammer: 1500m);
        await app.SanitizeEverySerialAsync(lot);
        var payout = await app.PayoutAsync(lot.Id);
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/approve");
        await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/sent", new() { ["reference"] = "ACH-TRACE-1500" });
        Assert.Equal(LotStage.Settled, await app.StageAsync(lot.Id));

        var transactions = await app.WithDbAsync(db => db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).Where(t => t.LotId == lot.Id).ToListAsync());
        Assert.Equal(
            [LedgerSource.LotSale, LedgerSource.LotPayment, LedgerSource.DistrictPayoutReleased, LedgerSource.DistrictPayoutSent],
            transactions.OrderBy(t => t.OccurredAt).Select(t => t.Source));
        Assert.All(transactions, t => Assert.Equal(t.Entries.Sum(e => e.Debit), t.Entries.Sum(e => e.Credit)));

        var balances = await LotBalancesAsync(lot.Id);
        var receivablesAndPayables = ChartOfAccounts.All
            .Where(a => a.Kind == AccountKind.Liability || a.Account == LedgerAccount.BuyerReceivable)
            .Select(a => a.Account)
            .ToList();
        Assert.Equal(
            [LedgerAccount.BuyerReceivable, LedgerAccount.PayoutsInTransit, LedgerAccount.DistrictPayable, LedgerAccount.RefurbisherPayable, LedgerAccount.BuyerCredits,
                LedgerAccount.SalesTaxPayable],
            receivablesAndPayables);
        Assert.All(receivablesAndPayables, account => Assert.Equal((account, 0m), (account, balances.GetValueOrDefault(account))));
        Assert.Equal(0m, (await app.WithDbAsync(db => db.DistrictPayableForLotAsync(lot.Id, "USD", CancellationToken.None))).Amount);
        // What stays with the platform is its fee: the buyer's premium in cash, earned as revenue.
        Assert.Equal((150m, 150m), (balances[LedgerAccount.Cash], balances[LedgerAccount.PlatformFeeRevenue]));
    }

    [Fact]
    public async Task Only_finance_approves_and_confirms_a_payout()
    {
        var payout = await CertifiedLotPayoutAsync();
        var admin = await BrowserClient.SignInAsync(app, "admin@demo.k12");
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var adminPage = await admin.GetPageAsync("/finance/payouts");
        (await admin.PostFormAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/approve", [])).AssertAccessDenied();
        (await district.PostFormAsync("/", $"/finance/payouts/{payout.Id}/approve", [])).AssertAccessDenied();

        Assert.DoesNotContain($"/finance/payouts/{payout.Id}/approve", adminPage);
        Assert.Equal(PayoutStatus.AwaitingApproval, (await PayoutAsync(payout.Id)).Status);

        await app.SendAsAsync(LotJourneys.Finance, new Marketplace.Web.Features.Settlement.ApprovePayout.Command(payout.Id));
        (await admin.PostFormAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/sent", new() { ["reference"] = "ACH-BY-ADMIN" })).AssertAccessDenied();
        (await district.PostFormAsync("/", $"/finance/payouts/{payout.Id}/sent", new() { ["reference"] = "ACH-BY-DISTRICT" })).AssertAccessDenied();

        var stored = await PayoutAsync(payout.Id);
        Assert.Equal((PayoutStatus.InTransit, null), (stored.Status, stored.Reference));
    }

    [Fact]
    public async Task A_payout_is_confirmed_only_after_approval_and_with_the_bank_reference()
    {
        var payout = await CertifiedLotPayoutAsync();
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);

        var tooSoon = await finance.PostFormAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/sent", new() { ["reference"] = "ACH-TRACE-0001" });

        Assert.Equal("Approve the payout before confirming the bank reference.", await finance.RefusalAsync(tooSoon));
        Assert.Equal(PayoutStatus.AwaitingApproval, (await PayoutAsync(payout.Id)).Status);

        await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/approve");
        var withoutReference = await finance.PostFormAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/sent", new() { ["reference"] = " " });

        Assert.Equal("Enter the ACH trace or check number.", await finance.RefusalAsync(withoutReference));
        var stored = await PayoutAsync(payout.Id);
        Assert.Equal((PayoutStatus.InTransit, null), (stored.Status, stored.Reference));
        Assert.Equal(LotStage.Certified, await app.StageAsync(payout.LotId!.Value));
    }

    [Fact]
    public async Task The_lot_reads_settled_and_counts_as_paid_out_only_once_finance_confirms_the_payout()
    {
        var payout = await CertifiedLotPayoutAsync();
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var paidOutBefore = PaidOut(await finance.GetPageAsync("/finance"));

        await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/approve");

        Assert.Equal(PayoutStatus.InTransit, (await PayoutAsync(payout.Id)).Status);
        Assert.Equal(LotStage.Certified, await app.StageAsync(payout.LotId!.Value));
        Assert.Equal("Certified", Badge(await district.GetPageAsync($"/lots/{payout.LotId}")));
        Assert.Equal(paidOutBefore, PaidOut(await finance.GetPageAsync("/finance")));

        var confirmed = await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/sent", new() { ["reference"] = " ACH-TRACE-0042 " });

        Assert.Contains("Payout confirmed as sent. The lot is settled.", confirmed);
        var stored = await PayoutAsync(payout.Id);
        Assert.Equal((PayoutStatus.Sent, "ACH-TRACE-0042"), (stored.Status, stored.Reference));
        Assert.Equal(LotStage.Settled, await app.StageAsync(payout.LotId!.Value));
        Assert.Equal("Settled", Badge(await district.GetPageAsync($"/lots/{payout.LotId}")));
        Assert.Equal(paidOutBefore + payout.Amount, PaidOut(await finance.GetPageAsync("/finance")));
    }

    /// <summary>A lot walked to certification; the release job prepares its ACH payout for finance.</summary>
    private async Task<Payout> CertifiedLotPayoutAsync()
    {
        var lot = await app.ReceivedLotAsync();
        await app.SanitizeEverySerialAsync(lot);
        var payout = await app.PayoutAsync(lot.Id);
        Assert.Equal((1200m, PayoutMethod.Ach, PayoutStatus.AwaitingApproval), (payout.Amount, payout.Method, payout.Status));
        return payout;
    }

    private Task<Payout> PayoutAsync(Guid id) => app.WithDbAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.Id == id));

    /// <summary>Each account's balance (on its normal side) over the lot's ledger transactions.</summary>
    private Task<Dictionary<LedgerAccount, decimal>> LotBalancesAsync(Guid lotId) =>
        app.WithDbAsync(async db =>
        {
            var sums = await db.LedgerEntries
                .Where(e => db.LedgerTransactions.Any(t => t.Id == e.TransactionId && t.LotId == lotId))
                .GroupBy(e => e.Account)
                .Select(g => new { Account = g.Key, Debits = g.Sum(e => e.Debit), Credits = g.Sum(e => e.Credit) })
                .ToListAsync();
            return sums.ToDictionary(s => s.Account, s => ChartOfAccounts.Of(s.Account).Balance(s.Debits, s.Credits));
        });

    private async Task<(decimal Premium, decimal Commission)> FeesAsync()
    {
        var fees = await app.WithDbAsync(db => db.CurrentFeeScheduleAsync());
        return (fees.BuyerPremiumRate, fees.SellerCommissionRate);
    }

    /// <summary>What an admin's change of the fee schedule does: the one row every new award reads.</summary>
    private Task SetFeesAsync(decimal buyerPremium, decimal sellerCommission) =>
        app.WithDbAsync(async db =>
        {
            var fees = await db.FeeSchedules.OrderByDescending(f => f.Id).FirstAsync();
            fees.BuyerPremiumRate = buyerPremium;
            fees.SellerCommissionRate = sellerCommission;
            await db.SaveChangesAsync();
        });

    private static decimal PaidOut(string financePage) =>
        decimal.Parse(WebUtility.HtmlDecode(PaidOutStat().Match(financePage).Groups[1].Value), NumberStyles.Currency, UnitedStates);

    private static string Badge(string lotPage) => LotBadge().Match(lotPage).Groups[1].Value;

    [GeneratedRegex("data-testid=\"paid-out\">([^<]+)<")]
    private static partial Regex PaidOutStat();

    [GeneratedRegex("<span class=\"badge text-bg-[a-z]+\">([A-Za-z ]+)</span>")]
    private static partial Regex LotBadge();
}
