using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Disputes;
using Marketplace.Web.Features.Finance;
using Marketplace.Web.Features.Settlement;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Finance;

/// <summary>The monthly totals the dashboard reads stay equal to a GROUP BY of the ledger's lines, whatever posts them.</summary>
public sealed class LedgerMonthlyTotalsTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task After_sales_payments_payouts_a_dispute_credit_older_months_storefront_lines_and_a_removed_posting_the_totals_equal_the_ledgers_group_by()
    {
        // Through the app: two sales paid by ACH, one payout approved and confirmed, a dispute resolved with a credit.
        var (paidOut, disputed) = (await _factory.SaveCertifiedAsync(1500m), await _factory.SaveCertifiedAsync(700m));
        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(paidOut.Id));
        var payout = await _factory.PayoutAsync(paidOut.Id);
        await _factory.SendAsAsync(LotJourneys.Finance, new ApprovePayout.Command(payout.Id));
        await _factory.SendAsAsync(LotJourneys.Finance, new ConfirmPayout.Command(payout.Id, "ACH-TRACE-TOTALS"));
        var dispute = await _factory.SendAsAsync(LotJourneys.Refurbisher, OpenDispute.Command.ForLot(disputed.Id, BuyerDisputeReason.Damaged, "Two screens cracked.", 80m));
        await _factory.SendAsAsync("admin@demo.k12", new ResolveDispute.Command(dispute, DisputeOutcome.PartialRefund, 80m, "Cracked screens confirmed."));

        // Straight to the ledger: postings in other months, funding sources, a storefront sale, and one posting removed again.
        await _factory.WithDbAsync(async db =>
        {
            var district = disputed.Lot.DistrictId;
            var buyer = await db.Organizations.Where(o => o.Name == "GreenCycle ITAD").Select(o => o.Id).SingleAsync();
            db.LedgerTransactions.Add(LedgerTransaction.Post("totals-old-sale", LedgerSource.LotSale, "Old sale", new DateTimeOffset(2025, 3, 14, 23, 59, 0, TimeSpan.Zero),
                [LedgerLine.Dr(LedgerAccount.BuyerReceivable, 330m, buyer), LedgerLine.Cr(LedgerAccount.DistrictPayable, 200m, district, FundingSource.FederalGrant),
                 LedgerLine.Cr(LedgerAccount.DistrictPayable, 100m, district, FundingSource.ERate), LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, 30m, fundingSource: FundingSource.FederalGrant)],
                districtId: district, counterpartyId: buyer));
            db.LedgerTransactions.Add(LedgerTransaction.Post("totals-storefront", LedgerSource.StorefrontSale, "Storefront", new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero),
                [LedgerLine.Dr(LedgerAccount.BuyerReceivable, 100m, buyer), LedgerLine.Cr(LedgerAccount.RefurbisherPayable, 92m, buyer), LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, 8m)],
                counterpartyId: buyer));
            db.LedgerTransactions.Add(LedgerTransaction.Post("totals-removed", LedgerSource.StorefrontSale, "Removed", new DateTimeOffset(2025, 4, 2, 0, 0, 0, TimeSpan.Zero),
                [LedgerLine.Dr(LedgerAccount.BuyerReceivable, 55m, buyer), LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, 55m)], counterpartyId: buyer));
            await db.SaveChangesAsync();
            db.LedgerTransactions.Remove(await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.IdempotencyKey == "totals-removed"));
            await db.SaveChangesAsync();
        });

        await _factory.WithDbAsync(async db =>
        {
            var lines = await db.LedgerEntries
                .GroupBy(e => new { e.Account, e.Period, e.DistrictId, e.FundingSource })
                .Select(g => new { g.Key.Account, g.Key.Period, g.Key.DistrictId, g.Key.FundingSource, Debit = g.Sum(e => e.Debit), Credit = g.Sum(e => e.Credit) })
                .ToListAsync();
            var totals = await db.LedgerMonthlyTotals.AsNoTracking().ToListAsync();
            var expected = lines.Select(l => (l.Account, l.Period, District: l.DistrictId, Funding: l.FundingSource, l.Debit, l.Credit)).OrderBy(x => x.ToString()).ToList();
            var actual = totals.Where(t => t.Debit != 0 || t.Credit != 0).Select(t => (t.Account, t.Period, t.District, Funding: t.FundingSource, t.Debit, t.Credit))
                .OrderBy(x => x.ToString()).ToList();
            Assert.Equal(expected, actual);
            Assert.Contains(actual, t => t.Account == LedgerAccount.BuyerCredits);
            Assert.Contains(actual, t => t is { Period: 202503, Funding: FundingSource.ERate });

            // The dashboard's report read from the totals equals the same report read from the lines (the counterparty path).
            var fromTotals = await db.RevenueReportAsync(new FinanceFilter(), CancellationToken.None);
            var buyers = await db.LedgerEntries.Where(e => e.CounterpartyId != null).Select(e => e.CounterpartyId!.Value).Distinct().ToListAsync();
            var perBuyer = new List<GetRevenueReport.Cell>();
            foreach (var buyer in buyers)
            {
                perBuyer.AddRange((await db.RevenueReportAsync(new FinanceFilter { Counterparty = buyer }, CancellationToken.None)).Cells);
            }

            Assert.Equal(fromTotals.BuybackRevenue, perBuyer.Sum(c => c.BuybackRevenue) + await UncounterpartiedAsync(db, LedgerAccount.DistrictPayable));
            Assert.Equal(fromTotals.PlatformFees, perBuyer.Sum(c => c.PlatformFees) + await UncounterpartiedAsync(db, LedgerAccount.PlatformFeeRevenue));
            Assert.Equal(300m + 30m + 8m, fromTotals.Cells.Where(c => c.Period is 202503 or 202504).Sum(c => c.BuybackRevenue + c.PlatformFees));
        });
    }

    [Fact]
    public async Task Rebuilding_replaces_the_totals_with_the_ledgers_group_by()
    {
        await _factory.SaveCertifiedAsync(900m);
        await _factory.WithDbAsync(async db =>
        {
            var before = await db.LedgerMonthlyTotals.AsNoTracking().OrderBy(t => t.Account).ThenBy(t => t.Period).ThenBy(t => t.Funding).ToListAsync();
            await db.LedgerMonthlyTotals.ExecuteDeleteAsync();

            await LedgerTotals.BackfillAsync(db, CancellationToken.None);

            var after = await db.LedgerMonthlyTotals.AsNoTracking().OrderBy(t => t.Account).ThenBy(t => t.Period).ThenBy(t => t.Funding).ToListAsync();
            Assert.NotEmpty(after);
            Assert.Equal(before.Select(t => (t.Account, t.Period, t.DistrictId, t.Funding, t.Debit, t.Credit)), after.Select(t => (t.Account, t.Period, t.DistrictId, t.Funding, t.Debit, t.Credit)));
        });
    }

    /// <summary>Revenue-report lines that name no counterparty (none of the app's do; kept so the comparison is exact if one ever does).</summary>
    private static async Task<decimal> UncounterpartiedAsync(MarketplaceDb db, LedgerAccount account)
    {
        var lines = await db.LedgerEntries.Where(e => e.Account == account && e.CounterpartyId == null
            && (account != LedgerAccount.DistrictPayable || e.FundingSource != null)).Select(e => new { e.Debit, e.Credit }).ToListAsync();
        return lines.Sum(l => l.Credit - l.Debit);
    }
}
