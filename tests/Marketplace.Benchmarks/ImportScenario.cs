using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Features.Imports;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Benchmarks;

/// <summary>
/// A 50,000-row Google Admin export imported through the commands the import pages send — upload,
/// mapping, background check, confirmation, background import by the real outbox and Hangfire — on a
/// real SQLite file. Baseline: a raw prepared-statement insert of the same rows in one transaction.
/// </summary>
internal static class ImportScenario
{
    private const int Rows = 50_000;

    public static async Task<int> RunAsync()
    {
        var csv = GoogleAdminExport(Rows);
        Console.WriteLine($"generated {Rows:N0} rows, {csv.Length / 1024.0 / 1024.0:0.0} MB");

        var folder = Directory.CreateTempSubdirectory("marketplace-import-bench-");
        try
        {
            await using var app = new BenchmarkApp(folder.FullName);
            app.StartServer();
            var (lotId, user) = await ArrangeAsync(app);
            var baselinePath = Path.Combine(folder.FullName, "baseline.db");
            await CopyDatabaseAsync(app, baselinePath);

            // Warm-up: one small import through the same path, so the figures measure the import, not the JIT.
            var warmUpLot = await app.AskAsync<Guid>(user, new CreateLot.Command("Warm-up lot", null, null));
            await ImportAsync(app, user, warmUpLot, GoogleAdminExport(2_000, "WU"));

            GC.Collect();
            GC.WaitForPendingFinalizers();
            ResetPeak();
            var residentBefore = ResidentMegabytes();
            var (uploaded, checkSeconds, seconds, validated, completed) = await ImportAsync(app, user, lotId, csv);
            if (completed.ImportedRows != Rows || validated.IssueCount != 0)
            {
                throw new InvalidOperationException($"imported {completed.ImportedRows} rows with {validated.IssueCount} issues; expected {Rows} and 0");
            }

            var peak = PeakMegabytes();
            Console.WriteLine($"upload and mapping {uploaded:0.000} s, rows checked at {checkSeconds:0.000} s, devices imported at {seconds:0.000} s");
            var baseline = await BaselineInsertAsync(app, baselinePath, lotId);
            var result = new
            {
                scenario = "import",
                rows = Rows,
                seconds = Math.Round(seconds, 3),
                check_seconds = Math.Round(checkSeconds, 3),
                baseline_seconds = Math.Round(baseline, 3),
                ratio = Math.Round(seconds / baseline, 2),
                peak_mb = Math.Round(peak, 1),
                rss_before_mb = Math.Round(residentBefore, 1),
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

    private static async Task<(double Uploaded, double Checked, double Imported, ImportJob Validated, ImportJob Completed)> ImportAsync(
        BenchmarkApp app, ClaimsPrincipal user, Guid lotId, byte[] csv)
    {
        var stopwatch = Stopwatch.StartNew();
        var jobId = await app.AskAsync<Guid>(user, new UploadManifest.Command(lotId, "chrome-devices.csv", csv));
        var mapping = (await app.AskAsync<GetImportMapping.Result>(user, new GetImportMapping.Query(jobId))).Mapping;
        await app.SendAsync(user, new StartImportValidation.Command(jobId, mapping));
        var uploaded = stopwatch.Elapsed.TotalSeconds;
        var validated = await WaitAsync(app, jobId, ImportStatus.Validated);
        var checkedAt = stopwatch.Elapsed.TotalSeconds;
        await app.SendAsync(user, new ConfirmImport.Command(jobId, AcceptIssues: false));
        var completed = await WaitAsync(app, jobId, ImportStatus.Completed);
        return (uploaded, checkedAt, stopwatch.Elapsed.TotalSeconds, validated, completed);
    }

    private static byte[] GoogleAdminExport(int rows, string serialPrefix = "5CD")
    {
        string[] models = ["Dell Chromebook 3100", "Lenovo 300e Chromebook 2nd Gen", "HP Chromebook 11 G8 EE", "Acer Chromebook 311 C733", "Dell Chromebook 3110"];
        string[] units = ["/Students/High School", "/Students/Middle School", "/Students/Elementary", "/Staff"];
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            text.Write("deviceId,serialNumber,status,lastSync,annotatedUser,annotatedLocation,annotatedAssetId,notes,model,osVersion,orgUnitPath,autoUpdateExpiration\r\n");
            var random = new Random(20261122);
            for (var i = 0; i < rows; i++)
            {
                var model = models[random.Next(models.Length)];
                text.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{Guid.NewGuid()},{serialPrefix}{i:D7}X,{(i % 9 == 0 ? "DEPROVISIONED" : "ACTIVE")},2026-05-{1 + i % 28:D2}T14:03:00.000Z,student{i}@maplevalley.k12.wa.us,Room {100 + i % 300},MV-{i:D6},\"Returned, cart {i % 40}\",{model},126.0.6478.132,{units[i % units.Length]},\r\n"));
            }
        }

        return buffer.ToArray();
    }

    private static async Task<(Guid LotId, ClaimsPrincipal User)> ArrangeAsync(BenchmarkApp app)
    {
        var principal = await app.PrincipalAsync("district@demo.k12");
        var lotId = await app.AskAsync<Guid>(principal, new CreateLot.Command("Benchmark lot", null, null));
        return (lotId, principal);
    }

    private static async Task<ImportJob> WaitAsync(BenchmarkApp app, Guid jobId, ImportStatus status)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var job = await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
                if (job.Status == status)
                {
                    return job;
                }

                if (job.Status == ImportStatus.Failed)
                {
                    throw new InvalidOperationException(job.FailureMessage);
                }
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"import did not reach {status}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>The migrated, still empty schema, copied so the baseline writes into the same table and indexes.</summary>
    private static async Task CopyDatabaseAsync(BenchmarkApp app, string path)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {path}");
    }

    /// <summary>
    /// Raw ADO.NET: the very rows the import wrote (read back, untimed) inserted into the same empty
    /// table and indexes with one prepared INSERT per row in one transaction.
    /// </summary>
    private static async Task<double> BaselineInsertAsync(BenchmarkApp app, string path, Guid lotId)
    {
        List<object?[]> rows;
        string[] columns;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var connection = scope.ServiceProvider.GetRequiredService<MarketplaceDb>().Database.GetDbConnection();
            await connection.OpenAsync();
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT * FROM \"Devices\" WHERE \"LotId\" = @lot";
            read.Parameters.Add(new SqliteParameter("@lot", lotId.ToString().ToUpperInvariant()));
            await using var reader = await read.ExecuteReaderAsync();
            columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            rows = [];
            while (await reader.ReadAsync())
            {
                var values = new object?[reader.FieldCount];
                reader.GetValues(values!);
                rows.Add(values);
            }
        }

        await using var target = new SqliteConnection($"Data Source={path}");
        await target.OpenAsync();
        await InsertRowsAsync(target, columns, rows.Take(2_000), commit: false);
        var stopwatch = Stopwatch.StartNew();
        await InsertRowsAsync(target, columns, rows, commit: true);
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task InsertRowsAsync(SqliteConnection target, string[] columns, IEnumerable<object?[]> rows, bool commit)
    {
        await using var transaction = await target.BeginTransactionAsync();
        await using var insert = target.CreateCommand();
        insert.Transaction = (SqliteTransaction)transaction;
        insert.CommandText = $"INSERT INTO \"Devices\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter { ParameterName = "@p" + i })).ToArray();
        await insert.PrepareAsync();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i];
            }

            insert.ExecuteNonQuery();
        }

        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }

    /// <summary>Resets the kernel's peak-RSS mark so the reported peak covers the import, not host start-up.</summary>
    private static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static double PeakMegabytes() => StatusMegabytes("VmHWM:");

    private static double ResidentMegabytes() => StatusMegabytes("VmRSS:");

    private static double StatusMegabytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
