using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Sanitization;
using Microsoft.Data.Sqlite;

namespace Marketplace.Benchmarks;

/// <summary>
/// The erasure software's report of a 50,000-device lot, one medium per device, uploaded through the pipeline as the
/// purchase page sends it: first every medium new, then the same file again (every medium a repeat attempt).
/// </summary>
internal static class ErasureReportScenario
{
    private const int Devices = 50_000;

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("marketplace-report-bench-");
        try
        {
            await using var app = new BenchmarkApp(folder.FullName);
            app.StartServer();
            var refurbisher = await app.PrincipalAsync("refurbisher@demo.k12");
            var lot = await SanitizeScenario.ReceivedLotAsync(app, "ER", Devices);
            var csv = new StringBuilder("System serial,Disk serial,Disk vendor,Disk model,Disk type,Erasure method,Erasure status,Product name,Product version\r\n");
            foreach (var serial in lot.Serials)
            {
                csv.Append(serial).Append(",EMMC-").Append(serial).Append(",Samsung,KLMBG2JETD-B041,eMMC,NIST 800-88 Purge,Successful,Blancco Drive Eraser,7.14\r\n");
            }

            var content = Encoding.UTF8.GetBytes(csv.ToString());
            var defaults = new MediumReport("", "", "", MediaType.Emmc, "internal", null, SanitizationMethod.Purge, SanitizationTechnique.BlockErase, null, "", "",
                "full read-back", VerificationResult.Passed, MediaDestination.ExternalReuse, DataBackedUp.No, null,
                new PersonOfRecord("Priya Natarajan", "Sanitization technician", "GreenCycle ITAD, bench 3", "priya@greencycle.example"));

            var (first, firstMs) = await UploadAsync(app, refurbisher, lot.Id, content, defaults);
            var (again, againMs) = await UploadAsync(app, refurbisher, lot.Id, content, defaults);
            if (first.Added != Devices || again.Updated != Devices)
            {
                throw new InvalidOperationException($"{first.Summary}; then {again.Summary} ({again.ProblemCount} problems: {string.Join("; ", again.Problems.Take(3))})");
            }

            Console.WriteLine($"{first.Summary} in {firstMs / 1000:0.0} s; {again.Summary} in {againMs / 1000:0.0} s ({content.Length / 1024d / 1024:0.0} MB)");
            Console.WriteLine("RESULT " + JsonSerializer.Serialize(new
            {
                scenario = "erasure-report",
                rows = Devices,
                megabytes = Math.Round(content.Length / 1024d / 1024, 1),
                new_s = Math.Round(firstMs / 1000, 1),
                again_s = Math.Round(againMs / 1000, 1),
            }));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(UploadErasureReport.Result Result, double Ms)> UploadAsync(BenchmarkApp app, System.Security.Claims.ClaimsPrincipal user, Guid lotId,
        byte[] content, MediumReport defaults)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await app.AskAsync<UploadErasureReport.Result>(user, new UploadErasureReport.Command(lotId, "blancco-export.csv", content, defaults));
        return (result, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
