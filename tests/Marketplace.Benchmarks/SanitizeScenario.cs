using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Sanitization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Benchmarks;

/// <summary>
/// Recording one storage medium's sanitization must cost the same on a small and a huge lot. Two kinds of purchased,
/// received lots — 50 devices and 50,000 devices — and 500 scans on each kind in random order, one command at
/// a time through the pipeline the purchase page sends to. The small side is spread over several 50-device lots,
/// none of which is finished, so no certificate job runs while the scans are timed.
/// </summary>
internal static class SanitizeScenario
{
    private const int SmallLot = 50, BigLot = 50_000, Scans = 500, WarmUpScans = 40;

    /// <summary>Scans per small lot: short of its size, so the last serial (which queues the certificate) is never scanned.</summary>
    private const int ScansPerSmallLot = 45;

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("marketplace-sanitize-bench-");
        try
        {
            await using var app = new BenchmarkApp(folder.FullName);
            app.StartServer();
            var refurbisher = await app.PrincipalAsync("refurbisher@demo.k12");
            var random = new Random(20261202);

            var warmUp = await ReceivedLotAsync(app, "WU", SmallLot * 2);
            var big = await ReceivedLotAsync(app, "BG", BigLot);
            var smallLots = new List<(Guid Id, string[] Serials)>();
            for (var i = 0; i * ScansPerSmallLot < Scans; i++)
            {
                smallLots.Add(await ReceivedLotAsync(app, $"S{i:D2}", SmallLot));
            }

            foreach (var serial in Shuffle(warmUp.Serials, random).Take(WarmUpScans))
            {
                await ScanAsync(app, refurbisher, warmUp.Id, serial);
            }

            var small = smallLots.SelectMany(lot => Shuffle(lot.Serials, random).Take(ScansPerSmallLot).Select(serial => (lot.Id, serial))).Take(Scans).ToList();
            var large = Shuffle(big.Serials, random).Take(Scans).Select(serial => (big.Id, serial)).ToList();
            Shuffle(small, random);

            // Alternate the two kinds so drift on a shared machine (other processes, GC, WAL growth) falls on both alike.
            var smallTimes = new List<double>(Scans);
            var bigTimes = new List<double>(Scans);
            for (var i = 0; i < Scans; i++)
            {
                smallTimes.Add(await ScanAsync(app, refurbisher, small[i].Item1, small[i].Item2));
                bigTimes.Add(await ScanAsync(app, refurbisher, large[i].Item1, large[i].Item2));
            }

            await AssertRecordedAsync(app, small.Count + large.Count + WarmUpScans);
            var smallMs = smallTimes.Average();
            var bigMs = bigTimes.Average();
            Console.WriteLine($"per scan: small lot mean {smallMs:0.00} ms (median {Median(smallTimes):0.00}), 50,000-device lot mean {bigMs:0.00} ms (median {Median(bigTimes):0.00})");
            var result = new
            {
                scenario = "sanitize",
                small_lot = SmallLot,
                big_lot = BigLot,
                scans = Scans,
                small_ms = Math.Round(smallMs, 2),
                big_ms = Math.Round(bigMs, 2),
                ratio = Math.Round(bigMs / smallMs, 2),
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

    private static async Task<double> ScanAsync(BenchmarkApp app, ClaimsPrincipal refurbisher, Guid lotId, string serial)
    {
        var started = Stopwatch.GetTimestamp();
        await app.SendAsync(refurbisher, new RecordSanitization.Command(lotId, serial, Medium(serial)));
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static readonly PersonOfRecord Performer = new("Priya Natarajan", "Sanitization technician", "GreenCycle ITAD, bench 3", "priya@greencycle.example");

    /// <summary>One medium per device, as a bench fills the form in: the medium's own serial beside the device's.</summary>
    private static MediumReport Medium(string serial) => new(
        $"EMMC-{serial}", "Samsung", "KLMBG2JETD-B041", MediaType.Emmc, "internal", null, SanitizationMethod.Purge, SanitizationTechnique.BlockErase,
        null, "Blancco Drive Eraser", "7.14", "full read-back", VerificationResult.Passed, MediaDestination.ExternalReuse, DataBackedUp.No, null, Performer);

    /// <summary>A lot of the demo district bought, paid for, picked up and received by the demo refurbisher, written as the app's own commands would leave it.</summary>
    internal static async Task<(Guid Id, string[] Serials)> ReceivedLotAsync(BenchmarkApp app, string prefix, int devices)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var district = await db.Organizations.SingleAsync(o => o.Kind == OrganizationKind.District && o.Name == "Maple Valley School District");
        var buyer = await db.Organizations.AsNoTracking().SingleAsync(o => o.Kind == OrganizationKind.Refurbisher && o.Name == "GreenCycle ITAD");
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var rights = await db.RightsOfAsync(buyer.Id, today, CancellationToken.None);
        var lot = new Lot { Number = ReferenceNumber.New("LOT"), DistrictId = district.Id, Title = $"Sanitization benchmark {prefix}", CreatedAt = now };
        var rows = Enumerable.Range(0, devices)
            .Select(i => lot.NewDevice($"{prefix}{i:D7}Z", $"MV-{prefix}-{i:D6}", DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working))
            .ToList();
        lot.Revalue(new ManifestSummary { Devices = devices, DataBearingDevices = devices, ValuedAt = now });
        var sale = lot.Submit(new SubmissionCheck(devices, true, 0, []), now);
        var quote = sale.SubmitQuote(rights, 10m * devices, null, now);
        sale.Accept(quote.Id, await db.CurrentFeeScheduleAsync(), now);
        var settlement = LotSettlement.ForAward(sale);
        settlement.Fund(now);
        var fulfillment = LotFulfillment.Start(lot.Id, district.Id, buyer.Id, devices, now);
        var window = fulfillment.ProposeWindows([new ProposedWindow(today, new TimeOnly(8, 0), new TimeOnly(10, 0))], Guid.Empty, "Benchmark driver", now)[0];
        fulfillment.ConfirmWindow(window.Id, new PickupArrangements("Dock 2", "Dana Whitfield, 555-0100", 1, null), now);
        fulfillment.RecordHandOver(new HandOverDetails("Dana Whitfield", "Benchmark driver", null, 1), 0, Guid.Empty, now);
        fulfillment.MarkReceived(devices, now);

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Lots.Add(lot);
        db.Sales.Add(sale);
        db.LotSettlements.Add(settlement);
        db.LotFulfillments.Add(fulfillment);
        db.LedgerTransactions.Add(LedgerPostings.LotSale(sale, lot.Number, now, FundingMix.Unknown));
        await db.SaveChangesAsync();
        await db.InsertManyAsync(rows, CancellationToken.None);
        await transaction.CommitAsync();
        return (lot.Id, rows.Select(d => d.Serial).ToArray());
    }

    private static async Task AssertRecordedAsync(BenchmarkApp app, int expected)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var recorded = await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().SanitizationRecords.CountAsync();
        if (recorded != expected)
        {
            throw new InvalidOperationException($"{recorded} sanitization records; expected {expected}");
        }
    }

    private static T[] Shuffle<T>(IReadOnlyList<T> items, Random random)
    {
        var shuffled = items.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        var array = items.ToArray();
        random.Shuffle(array);
        items.Clear();
        items.AddRange(array);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
