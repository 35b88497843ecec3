using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Finance;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Benchmarks;

/// <summary>
/// The finance dashboard over a ledger of 1,000,000 lines: three years of lot sales (their proceeds and fees split by the
/// devices' funding, as <see cref="LedgerPostings.LotSale"/> splits them), payments, payouts approved and confirmed, and
/// storefront orders, for 40 districts and 200 counterparties. Times the dashboard's revenue report (month × district,
/// filtered to one funding source) through the query the page sends (<c>ms</c>); in the same run the same GROUP BY as raw
/// SQL over the lines with the index set aside (<c>baseline_ms</c>: the naive scan); and the whole filtered dashboard
/// request over HTTP as the finance user (<c>page_ms</c>). Medians; targets ms ≤ 100 and page_ms ≤ 300.
/// </summary>
internal static partial class FinanceScenario
{
    private const int Lines = 1_000_000, Districts = 40, Counterparties = 200, Months = 36, WarmUp = 5, Runs = 30;
    private static readonly FinanceFilter Filter = new() { Funding = FundingSource.FederalGrant };

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("marketplace-finance-bench-");
        try
        {
            await using var app = new BenchmarkApp(folder.FullName);
            app.StartServer();
            var seeded = Stopwatch.StartNew();
            var rows = await SeedAsync(app);
            Console.WriteLine($"seeded {rows:N0} ledger lines in {seeded.Elapsed.TotalSeconds:0.0} s");

            var finance = await app.PrincipalAsync("finance@demo.k12");
            var report = await app.AskAsync<GetRevenueReport.Report>(finance, new GetRevenueReport.Query(Filter));
            var baseline = await BaselineAsync(app);
            var reportTotal = report.BuybackRevenue + report.PlatformFees;
            if (reportTotal != baseline.Total || report.Cells.Count == 0)
            {
                throw new InvalidOperationException($"The report sums {reportTotal:N2} over {report.Cells.Count} cells; the raw GROUP BY {baseline.Total:N2}.");
            }

            Console.WriteLine($"report: {report.ByMonth.Count} months × {report.ByDistrict.Count} districts, {report.Cells.Count} cells, {reportTotal:N2} (equals the raw GROUP BY)");

            var (reportTimes, baselineTimes) = (new List<double>(), new List<double>());
            for (var i = 0; i < WarmUp + Runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await app.AskAsync<GetRevenueReport.Report>(finance, new GetRevenueReport.Query(Filter));
                var reportMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                await BaselineAsync(app);
                var baselineMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i >= WarmUp)
                {
                    reportTimes.Add(reportMs);
                    baselineTimes.Add(baselineMs);
                }
            }

            Console.WriteLine($"revenue report (funding = {Filter.Funding}): median {Median(reportTimes):0.0} ms, max {reportTimes.Max():0.0} ms; raw GROUP BY scan: median {Median(baselineTimes):0.0} ms");
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = true });
            await SignInAsync(client, "finance@demo.k12");
            var url = Filter.Url("/finance");
            var (pageTimes, unfilteredTimes) = (new List<double>(), new List<double>());
            long bytes = 0;
            for (var i = 0; i < WarmUp + Runs; i++)
            {
                var (ms, size) = await GetAsync(client, url);
                var (unfilteredMs, _) = await GetAsync(client, "/finance");
                if (i >= WarmUp)
                {
                    pageTimes.Add(ms);
                    unfilteredTimes.Add(unfilteredMs);
                    bytes = size;
                }
            }

            var (ms50, base50, page50) = (Median(reportTimes), Median(baselineTimes), Median(pageTimes));
            Console.WriteLine($"dashboard {url}: median {page50:0.0} ms, {bytes:N0} bytes; unfiltered /finance: median {Median(unfilteredTimes):0.0} ms");
            var result = new
            {
                scenario = "finance",
                rows,
                ms = Math.Round(ms50, 2),
                baseline_ms = Math.Round(base50, 2),
                ratio = Math.Round(ms50 / base50, 3),
                page_ms = Math.Round(page50, 2),
            };
            Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The same report as plain SQL over the ledger lines, told not to use an index (<c>NOT INDEXED</c>): what a GROUP BY
    /// costs when nothing was prepared for it. Money is stored in SQLite as ten-thousandths.
    /// </summary>
    private static async Task<(int Cells, decimal Total)> BaselineAsync(BenchmarkApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Period", "DistrictId", SUM("Credit") - SUM("Debit")
            FROM "LedgerEntries" NOT INDEXED
            WHERE "FundingSource" = $funding
              AND ("Account" = 'PlatformFeeRevenue' OR "Account" = 'DistrictPayable')
            GROUP BY "Period", "DistrictId"
            """;
        command.Parameters.Add(new SqliteParameter("$funding", Filter.Funding!.Value.ToString()));
        var (cells, total) = (0, 0L);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            cells++;
            total += reader.GetInt64(2);
        }

        return (cells, total / 10_000m);
    }

    /// <summary>
    /// Organizations, then transactions and lines bulk-inserted in one transaction. Every transaction is built by
    /// <see cref="LedgerTransaction.Post"/>, so lines carry the dimensions and balance as the app's postings do.
    /// </summary>
    private static async Task<int> SeedAsync(BenchmarkApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var districts = Enumerable.Range(1, Districts).Select(i => new Organization { Name = $"Benchmark School District {i:D2}", Kind = OrganizationKind.District, State = "WA" }).ToList();
        var buyers = Enumerable.Range(1, Counterparties).Select(i => new Organization
        {
            Name = $"Benchmark {(i % 4 == 0 ? "School" : "Refurbisher")} {i:D3}", Kind = i % 4 == 0 ? OrganizationKind.School : OrganizationKind.Refurbisher, State = "OR",
        }).ToList();
        db.Organizations.AddRange(districts);
        db.Organizations.AddRange(buyers);
        await db.SaveChangesAsync();

        var random = new Random(20261206);
        var start = new DateTimeOffset(DateTime.UtcNow.Year - 3, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        var sources = Enum.GetValues<FundingSource>();
        var transactions = new List<LedgerTransaction>(Lines / 3);
        var lines = 0;
        DateTimeOffset At() => start.AddMinutes(random.Next(Months * 30 * 24 * 60));
        void Add(LedgerTransaction t)
        {
            transactions.Add(t);
            lines += t.Entries.Count;
        }

        for (var n = 0; Lines - lines >= 16; n++)
        {
            var at = At();
            var buyer = buyers[random.Next(buyers.Count)].Id;
            if (n % 5 == 4)
            {
                // A storefront order and its payment: no district, no funding source.
                var (total, commission) = (random.Next(100, 5_000), 0m);
                commission = decimal.Round(total * 0.08m, 2);
                var orderId = Guid.CreateVersion7();
                Add(LedgerTransaction.Post($"bench-order:{n}", LedgerSource.StorefrontSale, $"Order B{n:D7} placed", at,
                    [LedgerLine.Dr(LedgerAccount.BuyerReceivable, total, buyer), LedgerLine.Cr(LedgerAccount.RefurbisherPayable, total - commission, buyers[random.Next(buyers.Count)].Id),
                     LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, commission)], orderId: orderId, counterpartyId: buyer));
                Add(LedgerTransaction.Post($"bench-order-paid:{n}", LedgerSource.StorefrontPayment, $"Order B{n:D7} paid", at.AddDays(3),
                    [LedgerLine.Dr(LedgerAccount.Cash, total), LedgerLine.Cr(LedgerAccount.BuyerReceivable, total, buyer)], orderId: orderId, counterpartyId: buyer));
                continue;
            }

            var district = districts[random.Next(districts.Count)].Id;
            var lotId = Guid.CreateVersion7();
            var mix = FundingMix.Of(Enumerable.Range(0, random.Next(1, 4)).Select(_ => sources[random.Next(sources.Length)]).Distinct()
                .Select(s => { var devices = random.Next(5, 60); return new FundingShare(s, devices, devices, devices * random.Next(150, 900)); }));
            var hammer = random.Next(500, 40_000);
            var (premium, commissionOnLot) = (decimal.Round(hammer * 0.10m, 2), decimal.Round(hammer * 0.05m, 2));
            var (buyerTotal, proceeds) = (hammer + premium, hammer - commissionOnLot);
            var saleLines = new List<LedgerLine> { LedgerLine.Dr(LedgerAccount.BuyerReceivable, buyerTotal, buyer) };
            saleLines.AddRange(mix.Split(proceeds).Select(p => LedgerLine.Cr(LedgerAccount.DistrictPayable, p.Amount, district, p.Source)));
            saleLines.AddRange(mix.Split(premium + commissionOnLot).Select(p => LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, p.Amount, fundingSource: p.Source)));
            Add(LedgerTransaction.Post($"bench-lot-sale:{n}", LedgerSource.LotSale, $"Lot B{n:D7} awarded", at, saleLines, lotId: lotId, districtId: district, counterpartyId: buyer));
            if (random.Next(10) < 9)
            {
                Add(LedgerTransaction.Post($"bench-payment:{n}", LedgerSource.LotPayment, $"Invoice B{n:D7} paid", at.AddDays(random.Next(1, 30)),
                    [LedgerLine.Dr(LedgerAccount.Cash, buyerTotal), LedgerLine.Cr(LedgerAccount.BuyerReceivable, buyerTotal, buyer)], lotId: lotId, districtId: district, counterpartyId: buyer));
                if (random.Next(10) < 8)
                {
                    Add(LedgerTransaction.Post($"bench-payout-released:{n}", LedgerSource.DistrictPayoutReleased, $"Payout for lot B{n:D7} approved", at.AddDays(40),
                        [LedgerLine.Dr(LedgerAccount.DistrictPayable, proceeds, district), LedgerLine.Cr(LedgerAccount.PayoutsInTransit, proceeds, district)], lotId: lotId, districtId: district, counterpartyId: district));
                    Add(LedgerTransaction.Post($"bench-payout-sent:{n}", LedgerSource.DistrictPayoutSent, $"Payout for lot B{n:D7} sent", at.AddDays(43),
                        [LedgerLine.Dr(LedgerAccount.PayoutsInTransit, proceeds, district), LedgerLine.Cr(LedgerAccount.Cash, proceeds)], lotId: lotId, districtId: district, counterpartyId: district));
                }
            }
        }

        // Exactly the scenario's number of lines: the remainder as two-line storefront payments (and one three-line sale if odd).
        for (var n = 0; lines < Lines; n++)
        {
            var buyer = buyers[random.Next(buyers.Count)].Id;
            Add((Lines - lines) % 2 == 1
                ? LedgerTransaction.Post($"bench-fill-sale:{n}", LedgerSource.StorefrontSale, "Order filled", At(),
                    [LedgerLine.Dr(LedgerAccount.BuyerReceivable, 100, buyer), LedgerLine.Cr(LedgerAccount.RefurbisherPayable, 92, buyer), LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, 8)], counterpartyId: buyer)
                : LedgerTransaction.Post($"bench-fill-paid:{n}", LedgerSource.StorefrontPayment, "Order filled, paid", At(),
                    [LedgerLine.Dr(LedgerAccount.Cash, 100), LedgerLine.Cr(LedgerAccount.BuyerReceivable, 100, buyer)], counterpartyId: buyer));
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.InsertManyAsync(transactions, CancellationToken.None);
        var inserted = await db.InsertManyAsync(transactions.SelectMany(t => t.Entries), CancellationToken.None);
        // Lines bulk-inserted around the change tracker get their monthly totals as the app's start-up backfill gives them.
        await LedgerTotals.RebuildAsync(db, CancellationToken.None);
        await transaction.CommitAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        Console.WriteLine($"{transactions.Count:N0} transactions, {Districts} districts, {Counterparties} counterparties, {Months} months");
        return inserted;
    }

    private static async Task<(double Ms, long Bytes)> GetAsync(HttpClient client, string url)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || !html.Contains("Buyback revenue by month", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} without the dashboard.");
        }

        return (elapsed, System.Text.Encoding.UTF8.GetByteCount(html));
    }

    /// <summary>The sign-in form, then the second step with the demo authenticator's current code (finance always has one).</summary>
    private static async Task SignInAsync(HttpClient client, string email)
    {
        var login = await client.GetStringAsync("/account/login");
        using var first = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = DemoData.DefaultPassword, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(login).Groups[1].Value),
        }));
        var step = first.RequestMessage!.RequestUri!;
        if (step.AbsolutePath.StartsWith("/account/two-factor/sign-in", StringComparison.Ordinal))
        {
            var page = await first.Content.ReadAsStringAsync();
            var fields = new Dictionary<string, string>
            {
                ["Code"] = Marketplace.Tests.Infrastructure.Totp.Now(DemoData.DemoAuthenticatorSecret),
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
            };
            if (Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(step.Query).TryGetValue("returnUrl", out var returnUrl))
            {
                fields["ReturnUrl"] = returnUrl.ToString();
            }

            using var second = await client.PostAsync("/account/two-factor/sign-in", new FormUrlEncodedContent(fields));
            step = second.RequestMessage!.RequestUri!;
        }

        if (step.AbsolutePath.StartsWith("/account", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in as {email} ended at {step}.");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
