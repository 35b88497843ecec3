using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Features.Organizations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Benchmarks;

/// <summary>
/// A scan at the dock must cost the same on a small and a large lot. Two paid lots of the demo district, 50 and 5,000
/// devices; 500 hand-over scans on each, alternating, one command at a time through the pipeline the scan page posts to:
/// serials in random order, every third by its asset tag in lower case, every tenth a repeat (a duplicate) and every
/// twenty-fifth a value no device has. Reports the mean time per scan on each; ratio = large / small.
/// </summary>
internal static class ScanScenario
{
    private const int SmallLot = 50, LargeLot = 5_000, Scans = 500, WarmUpScans = 40;

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("marketplace-scan-bench-");
        try
        {
            await using var app = new BenchmarkApp(folder.FullName);
            app.StartServer();
            var district = await app.PrincipalAsync("district@demo.k12");
            var random = new Random(20261206);
            var warmUp = await PaidLotAsync(app, "WU", SmallLot);
            var small = new List<(Guid Id, string[] Serials, string[] Tags)>();
            for (var i = 0; i * (SmallLot - 10) < Scans; i++)
            {
                small.Add(await PaidLotAsync(app, $"S{i:D2}", SmallLot));
            }

            var large = await PaidLotAsync(app, "LG", LargeLot);
            foreach (var serial in warmUp.Serials.Take(WarmUpScans))
            {
                await ScanAsync(app, district, warmUp.Id, serial);
            }

            var smallValues = small.SelectMany(lot => Values(lot, SmallLot - 10, random).Select(v => (lot.Id, v))).Take(Scans).ToList();
            var largeValues = Values(large, Scans, random).Select(v => (large.Id, v)).ToList();
            var smallTimes = new List<double>(Scans);
            var largeTimes = new List<double>(Scans);
            for (var i = 0; i < Scans; i++)
            {
                smallTimes.Add(await ScanAsync(app, district, smallValues[i].Item1, smallValues[i].Item2));
                largeTimes.Add(await ScanAsync(app, district, largeValues[i].Item1, largeValues[i].Item2));
            }

            var smallMs = smallTimes.Average();
            var largeMs = largeTimes.Average();
            Console.WriteLine($"per scan: 50-device lot mean {smallMs:0.00} ms, 5,000-device lot mean {largeMs:0.00} ms");
            Console.WriteLine("RESULT " + JsonSerializer.Serialize(new
            {
                scenario = "scan",
                small_lot = SmallLot,
                large_lot = LargeLot,
                scans = Scans,
                small_ms = Math.Round(smallMs, 2),
                large_ms = Math.Round(largeMs, 2),
                ratio = Math.Round(largeMs / smallMs, 2),
            }));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>What a dock scans: serials and, every third, the asset tag in lower case; every tenth a repeat, every twenty-fifth unknown.</summary>
    private static List<string> Values((Guid Id, string[] Serials, string[] Tags) lot, int count, Random random)
    {
        var order = Enumerable.Range(0, lot.Serials.Length).ToArray();
        random.Shuffle(order);
        var values = new List<string>(count);
        for (var i = 0; values.Count < count; i++)
        {
            var device = order[i % order.Length];
            values.Add(i % 25 == 24 ? $"UNKNOWN-{i:D5}" : i % 10 == 9 && values.Count > 0 ? values[^1] : i % 3 == 2 ? lot.Tags[device].ToLowerInvariant() : lot.Serials[device]);
        }

        return values;
    }

    private static async Task<double> ScanAsync(BenchmarkApp app, ClaimsPrincipal district, Guid lotId, string value)
    {
        var started = Stopwatch.GetTimestamp();
        await app.SendAsync(district, new RecordScan.Command(lotId, value, "1"));
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>A lot of the demo district bought and paid for by the demo refurbisher, written as the app's own commands would leave it.</summary>
    private static async Task<(Guid Id, string[] Serials, string[] Tags)> PaidLotAsync(BenchmarkApp app, string prefix, int devices)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var district = await db.Organizations.SingleAsync(o => o.Kind == OrganizationKind.District && o.Name == "Maple Valley School District");
        var buyer = await db.Organizations.AsNoTracking().SingleAsync(o => o.Kind == OrganizationKind.Refurbisher && o.Name == "GreenCycle ITAD");
        var now = DateTimeOffset.UtcNow;
        var rights = await db.RightsOfAsync(buyer.Id, DateOnly.FromDateTime(now.UtcDateTime), CancellationToken.None);
        var lot = new Lot { Number = ReferenceNumber.New("LOT"), DistrictId = district.Id, Title = $"Scan benchmark {prefix}", CreatedAt = now };
        var rows = Enumerable.Range(0, devices)
            .Select(i => lot.NewDevice($"{prefix}{i:D7}S", $"MV-{prefix}-{i:D6}", DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working))
            .ToList();
        lot.Revalue(new ManifestSummary { Devices = devices, DataBearingDevices = devices, ValuedAt = now });
        var sale = lot.Submit(new SubmissionCheck(devices, true, 0, []), now);
        var quote = sale.SubmitQuote(rights, 10m * devices, null, now);
        sale.Accept(quote.Id, await db.CurrentFeeScheduleAsync(), now);
        var settlement = LotSettlement.ForAward(sale);
        settlement.Fund(now);

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Lots.Add(lot);
        db.Sales.Add(sale);
        db.LotSettlements.Add(settlement);
        db.LotFulfillments.Add(LotFulfillment.Start(lot.Id, district.Id, buyer.Id, devices, now));
        db.LedgerTransactions.Add(LedgerPostings.LotSale(sale, lot.Number, now, FundingMix.Unknown));
        await db.SaveChangesAsync();
        await db.InsertManyAsync(rows, CancellationToken.None);
        await transaction.CommitAsync();
        return (lot.Id, rows.Select(d => d.Serial).ToArray(), rows.Select(d => d.AssetTag!).ToArray());
    }
}
