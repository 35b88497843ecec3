using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Finance;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Sales;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Finance;

public sealed class FinanceWorkspaceApp : MarketplaceFactory;

/// <summary>The finance dashboard, its drill-downs, the ledger browser, the exports and the trial balance.</summary>
public sealed partial class FinanceWorkspaceTests(FinanceWorkspaceApp app) : IClassFixture<FinanceWorkspaceApp>
{
    [Fact]
    public async Task A_lot_sold_through_the_commands_is_reported_by_funding_source_in_proportion_to_its_devices_cost()
    {
        var (lotId, districtId) = await AwardMixedFundingLotAsync(hammer: 1000m);

        var proceeds = await app.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).Select(s => s.Terms!.DistrictProceeds).SingleAsync());
        var lines = await app.WithDbAsync(db => db.LedgerEntries
            .Where(e => db.LedgerTransactions.Any(t => t.Id == e.TransactionId && t.LotId == lotId) && e.Account == LedgerAccount.DistrictPayable)
            .ToListAsync());
        // Federal devices cost 600 of 1,000: 60% of the proceeds; state and local 20% each.
        Assert.Equal(decimal.Round(proceeds * 0.6m, 2), lines.Single(l => l.FundingSource == FundingSource.FederalGrant).Credit);
        Assert.Equal(proceeds, lines.Sum(l => l.Credit));
        Assert.All(lines, l => Assert.Equal(districtId, l.DistrictId));

        var report = await app.QueryAsAsync(LotJourneys.Finance, new GetRevenueReport.Query(new FinanceFilter { District = districtId, Funding = FundingSource.FederalGrant }));
        Assert.Equal(await DirectSumAsync(LedgerAccount.DistrictPayable, districtId, FundingSource.FederalGrant), report.BuybackRevenue);
        Assert.Equal(await DirectSumAsync(LedgerAccount.PlatformFeeRevenue, districtId, FundingSource.FederalGrant), report.PlatformFees);
        Assert.True(report.BuybackRevenue >= decimal.Round(proceeds * 0.6m, 2));
    }

    [Fact]
    public async Task The_revenue_report_by_month_and_district_equals_a_direct_sum_of_the_ledger_lines()
    {
        await AwardMixedFundingLotAsync(hammer: 2500m);
        await AwardMixedFundingLotAsync(hammer: 730m);

        var report = await app.QueryAsAsync(LotJourneys.Finance, new GetRevenueReport.Query(new FinanceFilter()));

        var direct = await app.WithDbAsync(async db => (await db.LedgerEntries
                .Where(e => (e.Account == LedgerAccount.DistrictPayable && e.FundingSource != null) || e.Account == LedgerAccount.PlatformFeeRevenue)
                .Join(db.LedgerTransactions, e => e.TransactionId, t => t.Id, (e, t) => new { e.Account, e.Debit, e.Credit, t.OccurredAt, t.DistrictId })
                .ToListAsync())
            .GroupBy(x => (LedgerPeriod.Of(x.OccurredAt), x.DistrictId))
            .ToDictionary(g => g.Key, g => (
                Revenue: g.Where(x => x.Account == LedgerAccount.DistrictPayable).Sum(x => x.Credit - x.Debit),
                Fees: g.Where(x => x.Account == LedgerAccount.PlatformFeeRevenue).Sum(x => x.Credit - x.Debit))));
        var reported = report.Cells.GroupBy(c => (c.Period, c.DistrictId))
            .ToDictionary(g => g.Key, g => (Revenue: g.Sum(c => c.BuybackRevenue), Fees: g.Sum(c => c.PlatformFees)));
        Assert.Equal(direct.OrderBy(d => d.Key), reported.OrderBy(r => r.Key));
        Assert.NotEqual(0m, report.BuybackRevenue);
    }

    [Fact]
    public async Task Every_dashboard_figure_drills_down_to_ledger_lines_that_add_up_to_it_and_from_there_to_the_lot()
    {
        var (lotId, districtId) = await AwardMixedFundingLotAsync(hammer: 1800m);
        var lotNumber = await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Number).SingleAsync());
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        var filter = new FinanceFilter { District = districtId, Funding = FundingSource.FederalGrant };

        var dashboard = WebUtility.HtmlDecode(await finance.GetPageAsync(filter.Url("/finance")));

        Assert.Contains("Buyback revenue by month", dashboard);
        Assert.Contains("<svg", dashboard);
        var figures = Figure().Matches(dashboard);
        Assert.NotEmpty(figures);
        foreach (var figure in figures.Cast<Match>().Take(12))
        {
            var ledger = WebUtility.HtmlDecode(await finance.GetPageAsync(figure.Groups["href"].Value));
            var net = Net().Match(ledger);
            Assert.True(net.Success, $"{figure.Groups["href"].Value} should sum the lines it selects");
            Assert.Equal(decimal.Parse(figure.Groups["value"].Value, CultureInfo.InvariantCulture), decimal.Parse(net.Groups[1].Value, NumberStyles.Currency, CultureInfo.GetCultureInfo("en-US")));
        }

        var ledgerPage = await finance.GetPageAsync((filter with { Figure = LedgerFigure.BuybackRevenue }).Url("/finance/ledger"));
        Assert.Contains($"href=\"/finance/lots/{lotId}\"", ledgerPage);
        var trail = await finance.GetPageAsync($"/finance/lots/{lotId}");
        var invoice = await app.WithDbAsync(db => db.Invoices.Where(i => i.LotId == lotId).Select(i => i.Number).SingleAsync());
        Assert.Contains(lotNumber, trail);
        Assert.Contains(invoice, trail);
        Assert.Contains($"Lot {lotNumber} awarded", trail);
    }

    [Fact]
    public async Task The_filters_live_in_the_url_and_the_ledger_pages_through_hundreds_of_transactions()
    {
        var counterparty = await app.WithDbAsync(db => db.Organizations.Where(o => o.Name == DemoLots.Refurbisher).Select(o => o.Id).SingleAsync());
        var district = Guid.CreateVersion7();
        await app.WithDbAsync(async db =>
        {
            var at = new DateTimeOffset(2021, 3, 10, 12, 0, 0, TimeSpan.Zero);
            db.LedgerTransactions.AddRange(Enumerable.Range(0, 120).Select(i => LedgerTransaction.Post($"test-paging:{district}:{i}", LedgerSource.LotPayment, $"Paging payment {i:D3}", at.AddMinutes(i),
                [LedgerLine.Dr(LedgerAccount.Cash, 10m), LedgerLine.Cr(LedgerAccount.BuyerReceivable, 10m, counterparty)], districtId: district, counterpartyId: counterparty)));
            await db.SaveChangesAsync();
        });
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        var url = new FinanceFilter { From = "2021-03", To = "2021-03", District = district, Counterparty = counterparty }.Url("/finance/ledger");

        var first = await finance.GetPageAsync(url);
        var third = await finance.GetPageAsync(url + "&page=3");

        Assert.Contains("120 transactions.", first);
        Assert.Contains("Paging payment 119", first);
        Assert.DoesNotContain("Paging payment 069", first);
        Assert.Equal(20, Regex.Matches(third, "Paging payment \\d{3}").Count);
        Assert.Contains("Paging payment 000", third);
        Assert.Contains($"district={district}", first);
        Assert.Contains("page=2", first);
        Assert.Contains("0 transactions.", await finance.GetPageAsync(new FinanceFilter { From = "2021-04", To = "2021-04", District = district }.Url("/finance/ledger")));
    }

    [Fact]
    public async Task Csv_exports_neutralise_cells_a_spreadsheet_would_run_as_formulas()
    {
        var key = await PostFormulaLookingTransactionAsync();
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);

        var csv = await DownloadAsync(finance, $"/finance/export?list=Ledger&format=Csv&from=2020-02&to=2020-02");

        var text = Encoding.UTF8.GetString(csv);
        Assert.Contains($"\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"{key}\"\")\"", text);
        Assert.Contains($"\"'@SUM(8)+{key}\"", text);
        Assert.DoesNotContain(",\"=HYPERLINK", text);
        foreach (var list in new[] { "Invoices", "Payouts", "Revenue", "TrialBalance" })
        {
            var file = Encoding.UTF8.GetString(await DownloadAsync(finance, $"/finance/export?list={list}&format=Csv&from=2020-01&to=2026-12"));
            Assert.DoesNotMatch("(^|,)\"[=+@\\t\\r]", file.Replace("\r\n", "\n"));
        }
    }

    [Fact]
    public async Task Xlsx_exports_open_in_a_spreadsheet_with_every_text_cell_stored_as_text_and_no_formula()
    {
        var key = await PostFormulaLookingTransactionAsync();
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);

        var ledger = await DownloadAsync(finance, "/finance/export?list=Ledger&format=Xlsx&from=2020-02&to=2020-02");

        using (var workbook = new XLWorkbook(new MemoryStream(ledger)))
        {
            var cells = workbook.Worksheets.Single().CellsUsed().ToList();
            // One row per line: each transaction's description is on both of its lines.
            var attacks = cells.Where(c => c.GetString() == $"=HYPERLINK(\"http://evil.example\",\"{key}\")" || c.GetString() == $"@SUM(8)+{key}").ToList();
            Assert.Equal(4, attacks.Count);
            Assert.All(attacks, c => Assert.Equal(XLDataType.Text, c.DataType));
            Assert.All(cells, c => Assert.False(c.HasFormula, $"{c.Address} holds a formula"));
            Assert.All(cells.Where(c => c.Address.ColumnNumber < 10), c => Assert.Equal(XLDataType.Text, c.DataType));
        }

        foreach (var list in new[] { "Ledger", "Invoices", "Payouts", "Revenue", "TrialBalance" })
        {
            var bytes = await DownloadAsync(finance, $"/finance/export?list={list}&format=Xlsx&from=2020-01&to=2026-12");
            using var workbook = new XLWorkbook(new MemoryStream(bytes));
            Assert.All(workbook.Worksheets.Single().CellsUsed(), c => Assert.False(c.HasFormula));
            using var zip = new ZipArchive(new MemoryStream(bytes));
            using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            Assert.DoesNotMatch("<(\\w+:)?f[ >]", await sheet.ReadToEndAsync());
        }
    }

    [Fact]
    public async Task The_trial_balance_opens_each_account_where_the_last_period_closed_and_its_debits_equal_its_credits()
    {
        await AwardMixedFundingLotAsync(hammer: 640m);
        var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var report = await app.QueryAsAsync(LotJourneys.Finance, new GetTrialBalance.Query(month, month));

        Assert.Equal(report.TotalDebits, report.TotalCredits);
        Assert.NotEqual(0m, report.TotalDebits);
        var period = LedgerPeriod.Of(DateTimeOffset.UtcNow);
        var balances = await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Period <= period)
            .GroupBy(e => e.Account).Select(g => new { g.Key, Debits = g.Sum(e => e.Debit), Credits = g.Sum(e => e.Credit) }).ToListAsync());
        foreach (var row in report.Rows)
        {
            var b = balances.SingleOrDefault(x => x.Key == row.Account.Account);
            Assert.Equal(b is null ? 0 : row.Account.Balance(b.Debits, b.Credits), row.Closing);
        }

        var page = WebUtility.HtmlDecode(await (await BrowserClient.SignInAsync(app, LotJourneys.Finance)).GetPageAsync($"/finance/trial-balance?from={month}&to={month}"));
        Assert.Matches("data-testid=\"total-debits\">([^<]+)</td><td class=\"text-end\" data-testid=\"total-credits\">\\1</td>", page);
    }

    private async Task<decimal> DirectSumAsync(LedgerAccount account, Guid districtId, FundingSource funding) =>
        await app.WithDbAsync(async db =>
        {
            var lines = await db.LedgerEntries
                .Where(e => e.Account == account && e.FundingSource == funding && db.LedgerTransactions.Any(t => t.Id == e.TransactionId && t.DistrictId == districtId))
                .Select(e => new { e.Debit, e.Credit }).ToListAsync();
            return lines.Sum(l => l.Credit - l.Debit);
        });

    /// <summary>A hand posting in February 2020 whose description and counterparty text a spreadsheet would run.</summary>
    private async Task<string> PostFormulaLookingTransactionAsync()
    {
        var key = Guid.NewGuid().ToString("N")[..8];
        await app.WithDbAsync(async db =>
        {
            var at = new DateTimeOffset(2020, 2, 14, 9, 0, 0, TimeSpan.Zero);
            db.LedgerTransactions.AddRange(
                LedgerTransaction.Post($"test-formula:{key}", LedgerSource.LotPayment, $"=HYPERLINK(\"http://evil.example\",\"{key}\")", at,
                    [LedgerLine.Dr(LedgerAccount.Cash, 5m), LedgerLine.Cr(LedgerAccount.BuyerReceivable, 5m)]),
                LedgerTransaction.Post($"test-formula-at:{key}", LedgerSource.LotPayment, $"@SUM({key.Length})+{key}", at,
                    [LedgerLine.Dr(LedgerAccount.Cash, 5m), LedgerLine.Cr(LedgerAccount.BuyerReceivable, 5m)]));
            await db.SaveChangesAsync();
        });
        return key;
    }

    private static async Task<byte[]> DownloadAsync(BrowserClient client, string url)
    {
        using var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// A lot of the demo district with four devices bought with three funding sources (federal 600, state 200, local 200),
    /// awarded through the district's acceptance of a quote: the posting is the app's own.
    /// </summary>
    private async Task<(Guid LotId, Guid DistrictId)> AwardMixedFundingLotAsync(decimal hammer)
    {
        var batch = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var lotId = await app.SendAsAsync(LotJourneys.District, new CreateLot.Command($"Mixed funding {batch}", null, "Maple Valley MS, 22670 SE 231st St, Maple Valley, WA"));
        for (var i = 0; i < 4; i++)
        {
            await app.SendAsAsync(LotJourneys.District, new AddDevice.Command(lotId, $"5CD{batch}{i:00}", $"MF-{batch}-{i}", DeviceCategory.Chromebook, "Dell", "Chromebook 3100",
                CosmeticGrade.B, FunctionalStatus.Working));
        }

        await app.WithDbAsync(async db =>
        {
            var devices = await db.Devices.Where(d => d.LotId == lotId).OrderBy(d => d.Serial).ToListAsync();
            (devices[0].FundingSource, devices[0].PurchaseCost) = (FundingSource.FederalGrant, 300m);
            (devices[1].FundingSource, devices[1].PurchaseCost) = (FundingSource.FederalGrant, 300m);
            (devices[2].FundingSource, devices[2].PurchaseCost) = (FundingSource.State, 200m);
            (devices[3].FundingSource, devices[3].PurchaseCost) = (FundingSource.Local, 200m);
            await db.SaveChangesAsync();
        });
        await app.SendAsAsync(LotJourneys.District, new SubmitLot.Command(lotId));
        await app.SendAsAsync(LotJourneys.Refurbisher, new SubmitQuote.Command(lotId, hammer, null));
        var quoteId = await app.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).SelectMany(s => s.Quotes).Select(q => q.Id).SingleAsync());
        await app.SendAsAsync(LotJourneys.District, new AcceptQuote.Command(lotId, quoteId));
        return (lotId, await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.DistrictId).SingleAsync()));
    }

    [GeneratedRegex("<a href=\"(?<href>/finance/ledger\\?[^\"]+)\" data-figure=\"(?<value>-?[0-9.]+)\">")]
    private static partial Regex Figure();

    [GeneratedRegex("data-testid=\"selected-net\">([^<]+)</span>")]
    private static partial Regex Net();
}
