using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Sanitization;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Benchmarks;

/// <summary>
/// A season's worth of lots through fulfillment at once: 1,000 paid lots of 10 devices, each driven from paid to payout
/// by the commands the pages send — the buyer proposes a pickup window and the district confirms it, the hand-over is
/// recorded, every device is scanned at receiving and the lot marked received, the media are recorded by one technician
/// (uploaded from the erasure software's report, as at volume) and accepted by another after review, the quality-control
/// sample the system draws is re-checked — while the real outbox and Hangfire run the follow-up jobs (e-mails, the
/// sample, the certificate, the release of the district's funds). <see cref="Concurrency"/> lots are worked at a time, as several benches would. The first run of one job in
/// ten throws (<see cref="TransientJobFailures"/>) and the outbox retries it after <c>Outbox:RetryBackoff</c>, set to
/// one second here. Counted at the end: certificates and payouts per lot, lots with more than one of either
/// (duplicates) and lots missing either. Then one lot of 50,000 devices, its media recorded and accepted ahead (written
/// as the commands leave them), gets its last medium recorded, validated and its whole sample re-checked through the
/// commands; timed from the last re-check to the stored certificate, with the process's peak resident memory meanwhile.
/// Ratio: the big certificate's job time per device ÷ the mean small certificate's job time per device (1 means the
/// certificate costs the same per device whatever the lot's size; below 1, fixed costs such as the QR code amortized).
/// </summary>
internal static class PipelineScenario
{
    private const int DevicesPerLot = 10, BigLot = 50_000, Concurrency = 8, FailurePercent = 10, WarmUpLots = 4, TierUpLots = 80;
    /// <summary>1,000; BENCH_LOTS=50 for a quick run while working on the scenario.</summary>
    private static readonly int Lots = int.TryParse(Environment.GetEnvironmentVariable("BENCH_LOTS"), out var lots) ? lots : 1_000;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync()
    {
        // The app's image sets it (src/Marketplace.Web/Dockerfile), and so does this project's launch profile for `dotnet run`:
        // left to itself the GC sizes its young generation from the processor's cache, ~130 MB on a 260 MB L3, which the
        // big lot's peak memory would measure instead of the certificate.
        Console.WriteLine(Environment.GetEnvironmentVariable("DOTNET_GCgen0size") is { Length: > 0 } gen0
            ? $"GC young-generation budget: DOTNET_GCgen0size={gen0}"
            : "GC young-generation budget: the runtime's default (DOTNET_GCgen0size is not set; `dotnet run` sets it from Properties/launchSettings.json)");
        var folder = Directory.CreateTempSubdirectory("marketplace-pipeline-bench-");
        var failures = new TransientJobFailures(FailurePercent);
        try
        {
            await using var app = new BenchmarkApp(folder.FullName, builder =>
            {
                builder.UseSetting("Outbox:RetryBackoff", "00:00:01");
                // Each injected failure would otherwise print its stack three times (the pipeline's log, the job's, Hangfire's).
                builder.UseSetting("Serilog:MinimumLevel:Override:Hangfire", "Fatal");
                builder.UseSetting("Serilog:MinimumLevel:Override:Marketplace.Web.Jobs.OutboxJob", "Error");
                builder.UseSetting("Serilog:MinimumLevel:Override:Marketplace.Web.Infrastructure.Pipeline.LoggingBehavior", "Fatal");
                builder.ConfigureTestServices(services =>
                {
                    services.AddSingleton(failures);
                    services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransientJobFailures.Behavior<,>));
                    services.AddScoped<TransientJobFailures.CertificateClock>();
                    // First of the certificate's preparations, so its clock starts before the app draws the PDF.
                    services.Insert(0, ServiceDescriptor.Scoped<IPreparation<IssueCertificate.Command>>(sp => sp.GetRequiredService<TransientJobFailures.CertificateClock>()));
                });
            });
            app.StartServer();
            var people = await PeopleAsync(app);

            await WarmUpAsync(app, people, "WU", WarmUpLots);
            var big = await BigLotAsync(app, people, failures);
            // After the big lot, whose peak memory would count their leftovers: the timed run measures the pipeline as a
            // server that has been up a while runs it, not the JIT. Each method is compiled quickly first and recompiled
            // optimized only after ~30 calls, twice over with profile-guided optimization (runtime docs, "Tiered compilation");
            // with only the first few lots, ~10,000 methods were recompiled during the timed run's first 30 seconds, ~3,000 after these.
            await WarmUpAsync(app, people, "TU", TierUpLots);

            var lots = await PaidLotsAsync(app, "PL", Lots, DevicesPerLot);
            Collect();
            Console.WriteLine($"{Lots:N0} paid lots of {DevicesPerLot} devices seeded; driving them through fulfillment, {Concurrency} at a time");
            var injectedBefore = failures.Injected;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await DriveAllAsync(app, people, lots);
            var driven = clock.Elapsed.TotalSeconds;
            var ids = lots.Select(l => l.Id).ToList();
            await WaitForPayoutsAsync(app, ids, clock);
            clock.Stop();
            var cpuPerLot = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Lots;
            var count = await CountAsync(app, ids);
            var smallCertificateMs = failures.Certificates.Where(c => ids.Contains(c.LotId)).GroupBy(c => c.LotId).Average(g => g.Max(c => c.Elapsed.TotalMilliseconds));
            var ratio = big.CertificateMs / BigLot / (smallCertificateMs / DevicesPerLot);
            Console.WriteLine($"pipeline: commands done after {driven:0.0} s, every payout after {clock.Elapsed.TotalSeconds:0.0} s; {failures.Injected - injectedBefore} injected job failures, " +
                              $"{failures.Errors} other job errors{(failures.FirstError is { } error ? $" (first: {error})" : "")}, {count.Dead} dead outbox rows, {count.Pending} pending; small certificate job {smallCertificateMs:0.0} ms, big {big.CertificateMs:0} ms; " +
                              $"{cpuPerLot:0} ms of processor time per lot");
            var result = new
            {
                scenario = "pipeline",
                lots = Lots,
                certificates = count.Certificates,
                payouts = count.Payouts,
                seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
                duplicates = count.Duplicates,
                missing = count.Missing,
                injected_failures = failures.Injected - injectedBefore,
                cpu_ms_per_lot = Math.Round(cpuPerLot),
                big_lot_devices = BigLot,
                big_lot_seconds = Math.Round(big.Seconds, 2),
                big_lot_peak_mb = Math.Round(big.PeakMb, 1),
                ratio = Math.Round(ratio, 2),
            };
            Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
            return count.Certificates == Lots && count.Payouts == Lots && count.Duplicates == 0 && count.Missing == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private sealed record People(ClaimsPrincipal District, ClaimsPrincipal Performer, ClaimsPrincipal Validator, Guid PerformerId, Guid ValidatorId);

    private static readonly PersonOfRecord Performer = new("Priya Natarajan", "Sanitization technician", "GreenCycle ITAD, bench 3", "priya@greencycle.example");
    private static readonly PersonOfRecord Validator = new("Ken Okafor", "Lead technician", "GreenCycle ITAD", "ken@greencycle.example");

    /// <summary>One medium per device, as a bench fills the form in.</summary>
    private static MediumReport Medium(string serial) => new(
        $"EMMC-{serial}", "Samsung", "KLMBG2JETD-B041", MediaType.Emmc, "internal", null, SanitizationMethod.Purge, SanitizationTechnique.BlockErase,
        null, "Blancco Drive Eraser", "7.14", "full read-back", VerificationResult.Passed, MediaDestination.ExternalReuse, DataBackedUp.No, null, Performer);

    /// <summary>
    /// One lot from paid to every medium validated, every step a command of the page that sends it: the district confirms
    /// the window the buyer proposed, the buyer's technician records the hand-over, scans each device in and marks the lot
    /// received, records each medium, and the second technician validates each.
    /// </summary>
    private static async Task DriveAsync(BenchmarkApp app, People people, (Guid Id, string[] Serials) lot)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.SendAsync(people.Performer, new ProposePickupWindows.Command(lot.Id, [new ProposedWindow(today, new TimeOnly(8, 0), new TimeOnly(10, 0))]));
        var window = await QueryAsync(app, db => db.PickupWindowProposals
            .Where(w => db.LotFulfillments.Any(f => f.Id == w.FulfillmentId && f.LotId == lot.Id) && w.Status == PickupWindowStatus.Proposed)
            .Select(w => w.Id).SingleAsync());
        await app.SendAsync(people.District, new ConfirmPickupWindow.Command(lot.Id, window, "Loading dock B", "Dana Whitfield, 425-555-0100", 1, null));
        await app.SendAsync(people.Performer, new RecordHandOver.Command(lot.Id, "Dana Whitfield", "Sam Ortiz", null, 1));
        foreach (var serial in lot.Serials)
        {
            await app.SendAsync(people.Performer, new RecordScan.Command(lot.Id, serial, "1"));
        }

        await app.SendAsync(people.Performer, new MarkReceived.Command(lot.Id));
        // At a season's volume the bench records media the way its erasure software reports them: one export per lot,
        // uploaded (each row still one record, validated and printed as if typed in); the second technician reviews the
        // list and accepts what awaits in one decision. The single-medium form and the one-record decision are timed
        // by the sanitize scenario and the big lot below.
        var report = await app.AskAsync<UploadErasureReport.Result>(people.Performer,
            new UploadErasureReport.Command(lot.Id, "blancco-export.csv", ErasureReport(lot.Serials), ReportDefaults));
        if (!report.Recorded || report.Added != lot.Serials.Length)
        {
            throw new InvalidOperationException($"The erasure report was not recorded: {report.Summary}; {string.Join("; ", report.Problems.Take(3))}");
        }

        var accepted = await app.AskAsync<AcceptAwaitingRecords.Result>(people.Validator, new AcceptAwaitingRecords.Command(lot.Id, DateTimeOffset.UtcNow, Validator));
        if (accepted.Accepted != lot.Serials.Length)
        {
            throw new InvalidOperationException($"{accepted.Accepted} of {lot.Serials.Length} records were accepted.");
        }
    }

    /// <summary>What the bench's erasure software exports for a lot: one row per medium, its device's serial beside it.</summary>
    private static byte[] ErasureReport(IEnumerable<string> serials)
    {
        var csv = new StringBuilder("System serial,Disk serial,Disk vendor,Disk model,Disk type,Erasure method,Erasure status,Product name,Product version\r\n");
        foreach (var serial in serials)
        {
            csv.Append(serial).Append(",EMMC-").Append(serial).Append(",Samsung,KLMBG2JETD-B041,eMMC,NIST 800-88 Purge,Successful,Blancco Drive Eraser,7.14\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The upload form's values for what the report does not say.</summary>
    private static readonly MediumReport ReportDefaults = new("", "", "", MediaType.Emmc, "internal", null, SanitizationMethod.Purge, SanitizationTechnique.BlockErase,
        null, "", "", "full read-back", VerificationResult.Passed, MediaDestination.ExternalReuse, DataBackedUp.No, null, Performer);

    /// <summary>The second technician re-checks the lot's sample once the system has drawn it.</summary>
    private static async Task ReCheckAsync(BenchmarkApp app, People people, Guid lotId, Task<List<Guid>> sample)
    {
        foreach (var check in await sample.WaitAsync(Patience))
        {
            await app.SendAsync(people.Validator, new RecordQualityCheck.Command(lotId, check, true, null, Validator));
        }
    }

    /// <summary>The quality-control sample, once the system's job has drawn it (the page shows it on its next refresh).</summary>
    private static async Task<List<Guid>> SampleAsync(BenchmarkApp app, Guid lotId)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var sample = await QueryAsync(app, db => db.QualityChecks.Where(c => c.LotId == lotId && c.Result == QualityCheckResult.Pending).Select(c => c.Id).ToListAsync());
            if (sample.Count > 0)
            {
                return sample;
            }

            if (waited.Elapsed > Patience)
            {
                throw new TimeoutException($"No quality-control sample was drawn for lot {lotId} in {Patience}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Every lot waiting for its quality-control sample, watched by one query every 100 ms (as one refreshing page per bench
    /// would, rather than a query per waiting lot).
    /// </summary>
    private sealed class SampleWatch : IAsyncDisposable
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, TaskCompletionSource<List<Guid>>> _waiting = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _watching;

        public SampleWatch(BenchmarkApp app) => _watching = WatchAsync(app);

        public Task<List<Guid>> SampleOf(Guid lotId) => _waiting.GetOrAdd(lotId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        private async Task WatchAsync(BenchmarkApp app)
        {
            while (!_stop.IsCancellationRequested)
            {
                var waiting = _waiting.Where(w => !w.Value.Task.IsCompleted).Select(w => w.Key).ToList();
                if (waiting.Count > 0)
                {
                    var drawn = await QueryAsync(app, db => db.QualityChecks.Where(c => waiting.Contains(c.LotId) && c.Result == QualityCheckResult.Pending)
                        .Select(c => new { c.LotId, c.Id }).ToListAsync());
                    foreach (var lot in drawn.GroupBy(c => c.LotId))
                    {
                        _waiting[lot.Key].TrySetResult(lot.Select(c => c.Id).ToList());
                    }
                }

                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _watching;
            _stop.Dispose();
        }
    }

    /// <summary>Until every lot has its payout, or none has been added for a minute (then the count reports the missing).</summary>
    private static async Task WaitForPayoutsAsync(BenchmarkApp app, List<Guid> lotIds, Stopwatch clock)
    {
        var lastReport = TimeSpan.Zero;
        var (lastCount, lastChange) = (-1, clock.Elapsed);
        while (true)
        {
            var paid = await QueryAsync(app, db => db.Payouts.Where(p => p.LotId != null && lotIds.Contains(p.LotId.Value)).Select(p => p.LotId).Distinct().CountAsync());
            if (paid != lastCount)
            {
                (lastCount, lastChange) = (paid, clock.Elapsed);
            }

            if (paid == lotIds.Count || clock.Elapsed - lastChange > TimeSpan.FromMinutes(1))
            {
                return;
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = clock.Elapsed;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds:0} s: {paid:N0} of {lotIds.Count:N0} payouts prepared");
            }

            await Task.Delay(100);
        }
    }

    private sealed record Count(int Certificates, int Payouts, int Duplicates, int Missing, int Dead, int Pending);

    private static Task<Count> CountAsync(BenchmarkApp app, List<Guid> lotIds) => QueryAsync(app, async db =>
    {
        var certificates = await db.Certificates.Where(c => lotIds.Contains(c.LotId)).GroupBy(c => c.LotId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var payouts = await db.Payouts.Where(p => p.LotId != null && lotIds.Contains(p.LotId.Value)).GroupBy(p => p.LotId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        return new Count(
            certificates.Values.Sum(),
            payouts.Values.Sum(),
            lotIds.Count(id => certificates.GetValueOrDefault(id) > 1 || payouts.GetValueOrDefault(id) > 1),
            lotIds.Count(id => !certificates.ContainsKey(id) || !payouts.ContainsKey(id)),
            await db.OutboxMessages.CountAsync(m => m.DeadAt != null),
            await db.OutboxMessages.CountAsync(m => m.CompletedAt == null && m.DeadAt == null));
    });

    private sealed record Big(double Seconds, double PeakMb, double CertificateMs);

    /// <summary>
    /// The 50,000-device lot: every medium but the last recorded and accepted ahead, then the last one recorded and validated
    /// through the commands, so the system draws the sample; all but one re-check passed, then the last one timed through to
    /// the stored certificate. Injected failures are off meanwhile, so the certificate is rendered once.
    /// </summary>
    private static async Task<Big> BigLotAsync(BenchmarkApp app, People people, TransientJobFailures failures)
    {
        failures.Enabled = false;
        var seeding = Stopwatch.StartNew();
        var (lotId, last) = await SanitizedBigLotAsync(app, people);
        Console.WriteLine($"big lot: {BigLot - 1:N0} accepted media written in {seeding.Elapsed.TotalSeconds:0.0} s");
        var record = await app.AskAsync<Guid>(people.Performer, new RecordSanitization.Command(lotId, last, Medium(last)));
        await app.SendAsync(people.Validator, new ValidateSanitization.Command(lotId, record, ValidationDecision.Accept, null, Validator));
        var sample = await SampleAsync(app, lotId);
        using (var benches = new SemaphoreSlim(4))
        {
            await Task.WhenAll(sample.SkipLast(1).Select(async check =>
            {
                await benches.WaitAsync();
                try
                {
                    await app.SendAsync(people.Validator, new RecordQualityCheck.Command(lotId, check, true, null, Validator));
                }
                finally
                {
                    benches.Release();
                }
            }));
        }

        Console.WriteLine($"big lot: {sample.Count:N0} media sampled and re-checked; resident before the certificate {StatusMegabytes("VmRSS:"):0} MB");
        Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
        var clock = Stopwatch.StartNew();
        await app.SendAsync(people.Validator, new RecordQualityCheck.Command(lotId, sample[^1], true, null, Validator));
        while (!await QueryAsync(app, db => db.Certificates.AnyAsync(c => c.LotId == lotId)))
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"The 50,000-device certificate was not stored in {Patience}.");
            }

            await Task.Delay(20);
        }

        clock.Stop();
        var peak = StatusMegabytes("VmHWM:");
        failures.Enabled = true;
        var certificateMs = failures.Certificates.Where(c => c.LotId == lotId).Max(c => c.Elapsed.TotalMilliseconds);
        Console.WriteLine($"big lot: certificate stored {clock.Elapsed.TotalSeconds:0.00} s after the last re-check (job {certificateMs:0} ms), peak resident {peak:0} MB");
        return new Big(clock.Elapsed.TotalSeconds, peak, certificateMs);
    }

    /// <summary>Lots driven from paid to payout before the clock starts, <see cref="Concurrency"/> at a time as in the timed run.</summary>
    private static async Task WarmUpAsync(BenchmarkApp app, People people, string prefix, int count)
    {
        var lots = await PaidLotsAsync(app, prefix, count, DevicesPerLot);
        await DriveAllAsync(app, people, lots);
        await WaitForPayoutsAsync(app, lots.Select(l => l.Id).ToList(), Stopwatch.StartNew());
    }

    /// <summary>Drives every lot to its quality-control re-check, <see cref="Concurrency"/> lots at a time as several benches would.</summary>
    private static async Task DriveAllAsync(BenchmarkApp app, People people, List<(Guid Id, string[] Serials)> lots)
    {
        using var benches = new SemaphoreSlim(Concurrency);
        await using var samples = new SampleWatch(app);
        await Task.WhenAll(lots.Select(async lot =>
        {
            await benches.WaitAsync();
            try
            {
                await DriveAsync(app, people, lot);
            }
            finally
            {
                benches.Release();
            }

            // A bench does not wait for the sample: it takes the next lot, and the re-check happens when the sample shows.
            await ReCheckAsync(app, people, lot.Id, samples.SampleOf(lot.Id));
        }));
    }

    /// <summary>Paid lots of the demo district bought by the demo refurbisher, written as the app's own commands would leave them.</summary>
    private static async Task<List<(Guid Id, string[] Serials)>> PaidLotsAsync(BenchmarkApp app, string prefix, int count, int devices)
    {
        var lots = new List<(Guid, string[])>(count);
        for (var batch = 0; batch < count; batch += 100)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
            var seller = await SellerAsync(db);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var rows = new List<Device>();
            for (var i = batch; i < Math.Min(count, batch + 100); i++)
            {
                var (lot, lotRows) = Sold(db, seller, $"{prefix}{i:D4}", devices);
                db.LotFulfillments.Add(LotFulfillment.Start(lot.Id, seller.District.Id, seller.BuyerId, devices, seller.Now));
                rows.AddRange(lotRows);
                lots.Add((lot.Id, lotRows.Select(d => d.Serial).ToArray()));
            }

            await db.SaveChangesAsync();
            await db.InsertManyAsync(rows, CancellationToken.None);
            await transaction.CommitAsync();
        }

        return lots;
    }

    /// <summary>
    /// The big lot received, and every medium but the last one's recorded and accepted; returns the last serial. The first
    /// record is made by the domain as the commands make it; the others are copies of it in SQL (their own id, device and
    /// medium serial), so seeding leaves no 50,000 tracked entities on the heap the certificate is measured on.
    /// </summary>
    private static async Task<(Guid LotId, string LastSerial)> SanitizedBigLotAsync(BenchmarkApp app, People people)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var seller = await SellerAsync(db);
        var (lot, rows) = Sold(db, seller, "BIG", BigLot);
        var fulfillment = LotFulfillment.Start(lot.Id, seller.District.Id, seller.BuyerId, BigLot, seller.Now);
        var window = fulfillment.ProposeWindows([new ProposedWindow(DateOnly.FromDateTime(seller.Now.UtcDateTime), new TimeOnly(8, 0), new TimeOnly(10, 0))], people.PerformerId, "Priya Natarajan", seller.Now)[0];
        fulfillment.ConfirmWindow(window.Id, new PickupArrangements("Dock 2", "Dana Whitfield, 555-0100", 40, null), seller.Now);
        fulfillment.RecordHandOver(new HandOverDetails("Dana Whitfield", "Sam Ortiz", null, 40), 0, people.PerformerId, seller.Now);
        fulfillment.MarkReceived(BigLot, seller.Now);
        var first = fulfillment.RecordSanitization(rows[0], null, false, Medium(rows[0].Serial), people.PerformerId, seller.Now);
        first.Validate(ValidationDecision.Accept, Validator, people.ValidatorId, null, seller.Now);
        var last = rows[^1].Serial;

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.LotFulfillments.Add(fulfillment);
        await db.SaveChangesAsync();
        await db.InsertManyAsync(rows, CancellationToken.None);
        db.SanitizationRecords.Add(first);
        await db.SaveChangesAsync();
        var columns = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('SanitizationRecords')").ToListAsync();
        var copied = columns.Where(c => c is not ("Id" or "DeviceId" or "MediumSerial")).Select(c => $"\"{c}\"").ToList();
        // The column names come from the table itself; the values are parameters.
        var copy =
            $"INSERT INTO \"SanitizationRecords\" (\"Id\", \"DeviceId\", \"MediumSerial\", {string.Join(", ", copied)}) " +
            "SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)), " +
            $"d.\"Id\", 'EMMC-' || d.\"Serial\", {string.Join(", ", copied.Select(c => "t." + c))} " +
            "FROM \"Devices\" d JOIN \"SanitizationRecords\" t ON t.\"MediumSerial\" = {0} AND d.\"LotId\" = t.\"LotId\" " +
            "WHERE d.\"Id\" <> t.\"DeviceId\" AND d.\"Serial\" <> {1}";
        var copies = await db.Database.ExecuteSqlRawAsync(copy, first.MediumSerial, last);
        var accepted = copies + 1;
        await db.LotFulfillments.Where(f => f.Id == fulfillment.Id).ExecuteUpdateAsync(set => set
            .SetProperty(f => f.SanitizedCount, accepted).SetProperty(f => f.MediaRecorded, accepted).SetProperty(f => f.MediaAccepted, accepted));
        await transaction.CommitAsync();
        if (accepted != BigLot - 1)
        {
            throw new InvalidOperationException($"{accepted} media written; expected {BigLot - 1}.");
        }

        return (lot.Id, last);
    }

    private sealed record Seller(Organization District, Guid BuyerId, OrganizationRights Rights, FeeSchedule Fees, DateTimeOffset Now);

    private static async Task<Seller> SellerAsync(MarketplaceDb db)
    {
        var district = await db.Organizations.SingleAsync(o => o.Kind == OrganizationKind.District && o.Name == "Maple Valley School District");
        var buyer = await db.Organizations.AsNoTracking().SingleAsync(o => o.Kind == OrganizationKind.Refurbisher && o.Name == "GreenCycle ITAD");
        var now = DateTimeOffset.UtcNow;
        return new Seller(district, buyer.Id, await db.RightsOfAsync(buyer.Id, DateOnly.FromDateTime(now.UtcDateTime), CancellationToken.None),
            await db.CurrentFeeScheduleAsync(), now);
    }

    /// <summary>A lot sold by quote to the demo refurbisher and paid for (funds held), with its ledger posting; its devices are returned for a bulk insert.</summary>
    private static (Lot Lot, List<Device> Rows) Sold(MarketplaceDb db, Seller seller, string prefix, int devices)
    {
        var now = seller.Now;
        var lot = new Lot { Number = ReferenceNumber.New("LOT"), DistrictId = seller.District.Id, Title = $"Pipeline benchmark {prefix}", CreatedAt = now };
        var rows = Enumerable.Range(0, devices)
            .Select(i => lot.NewDevice($"{prefix}{i:D6}P", $"MV-{prefix}-{i:D6}", DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working))
            .ToList();
        lot.Revalue(new ManifestSummary { Devices = devices, DataBearingDevices = devices, ValuedAt = now });
        var sale = lot.Submit(new SubmissionCheck(devices, true, 0, []), now);
        var quote = sale.SubmitQuote(seller.Rights, 10m * devices, null, now);
        sale.Accept(quote.Id, seller.Fees, now);
        var settlement = LotSettlement.ForAward(sale);
        settlement.Fund(now);
        db.Lots.Add(lot);
        db.Sales.Add(sale);
        db.LotSettlements.Add(settlement);
        db.LedgerTransactions.Add(LedgerPostings.LotSale(sale, lot.Number, now, FundingMix.Unknown));
        return (lot, rows);
    }

    private static async Task<People> PeopleAsync(BenchmarkApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return new People(
            await app.PrincipalAsync("district@demo.k12"),
            await app.PrincipalAsync("refurbisher@demo.k12"),
            await app.PrincipalAsync("technician@demo.k12"),
            (await users.FindByEmailAsync("refurbisher@demo.k12"))!.Id,
            (await users.FindByEmailAsync("technician@demo.k12"))!.Id);
    }

    private static async Task<T> QueryAsync<T>(BenchmarkApp app, Func<MarketplaceDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await query(db);
    }

    /// <summary>Seeding's garbage collected and the heap compacted, so what is measured next starts from what the app holds.</summary>
    private static void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static double StatusMegabytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
