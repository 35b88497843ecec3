using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Storefront;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Benchmarks;

/// <summary>
/// The storefront catalog with 100,000 listings from 200 sellers, served by Kestrel on loopback and loaded with wrk
/// (2 threads, 32 connections, 10 s after 3 s of warm-up): the catalog page with three facets selected (their counts shown), then in the same
/// run an in-app baseline page that runs one indexed query for 24 listings and renders them with Razor in the site's
/// layout, then page 2,000 of the unfiltered catalog, reached by following its keyset "next" links.
/// Targets: rps at least half the baseline's, p99 at most 50 ms on both catalog pages. Also printed: the first page's time (a full
/// build of the index) and the first page after a seller pauses a listing (that change applied to the index).
/// </summary>
internal static partial class CatalogScenario
{
    private const int Listings = 100_000, Sellers = 200, DeepPage = 2_000;
    private const string Faceted = "/store?category=Chromebook&grade=A&grade=B&ram=8";
    private const string BaselinePath = "/bench/catalog-baseline";

    private static readonly (DeviceCategory Category, string Manufacturer, string Model, string Cpu, decimal Screen, int AueYear)[] Models =
    [
        (DeviceCategory.Chromebook, "Dell", "Chromebook 3110", "Intel Celeron N4500", 11.6m, 2031), (DeviceCategory.Chromebook, "Dell", "Chromebook 3100", "Intel Celeron N4020", 11.6m, 2026),
        (DeviceCategory.Chromebook, "Lenovo", "300e Chromebook Gen 3", "AMD 3015Ce", 11.6m, 2030), (DeviceCategory.Chromebook, "Lenovo", "100e Chromebook Gen 3", "Intel Celeron N4500", 11.6m, 2031),
        (DeviceCategory.Chromebook, "HP", "Chromebook 11 G9 EE", "Intel Celeron N4500", 11.6m, 2031), (DeviceCategory.Chromebook, "HP", "Chromebook x360 11 G4 EE", "Intel Celeron N4500", 11.6m, 2031),
        (DeviceCategory.Chromebook, "Acer", "Chromebook 311 C733", "Intel Celeron N4020", 11.6m, 2026), (DeviceCategory.Chromebook, "Acer", "Chromebook Spin 511", "Intel Celeron N4500", 11.6m, 2030),
        (DeviceCategory.WindowsLaptop, "Dell", "Latitude 3420", "Intel Core i5-1145G7", 14m, 0), (DeviceCategory.WindowsLaptop, "HP", "ProBook 440 G8", "Intel Core i5-1135G7", 14m, 0),
        (DeviceCategory.WindowsLaptop, "Lenovo", "ThinkPad L14 Gen 2", "Intel Core i5-1135G7", 14m, 0), (DeviceCategory.MacBook, "Apple", "MacBook Air (M1, 2020)", "Apple M1", 13.3m, 0),
        (DeviceCategory.Tablet, "Apple", "iPad (9th generation)", "Apple A13 Bionic", 10.2m, 0), (DeviceCategory.Desktop, "HP", "EliteDesk 800 G6 Mini", "Intel Core i5-10500T", 0m, 0),
    ];

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("marketplace-catalog-bench-");
        try
        {
            var port = FreePort();
            await using var app = new BenchmarkApp(folder.FullName, builder => builder.ConfigureServices(services =>
                services.AddControllersWithViews().AddApplicationPart(typeof(CatalogScenario).Assembly)));
            app.UseKestrel(port);
            app.StartServer();
            var seeded = Stopwatch.StartNew();
            await SeedAsync(app);
            Console.WriteLine($"seeded {Listings:N0} listings from {Sellers} sellers in {seeded.Elapsed.TotalSeconds:0.0} s");

            var root = new Uri($"http://127.0.0.1:{port}");
            using var client = new HttpClient { BaseAddress = root };
            var first = Stopwatch.StartNew();
            var faceted = await GetAsync(client, Faceted);
            var fullBuildMs = first.Elapsed.TotalMilliseconds;
            Console.WriteLine($"first catalog page (builds the index): {fullBuildMs:0} ms; {Showing().Match(faceted).Value}");
            if (!faceted.Contains("Showing 1–24 of", StringComparison.Ordinal) || !FacetCount().IsMatch(faceted))
            {
                throw new InvalidOperationException("The faceted catalog page shows no listings or no facet counts.");
            }

            await GetAsync(client, BaselinePath);
            var deep = await DeepPageUrlAsync(client);
            Console.WriteLine($"page {DeepPage:N0} by keyset: {deep}");

            // Each page is served for a few seconds before it is measured, so every run meets code the JIT has finished
            // optimising (tiered compilation) rather than the first run paying for it.
            var catalog = Wrk(new Uri(root, Faceted));
            var baseline = Wrk(new Uri(root, BaselinePath));
            var deepRun = Wrk(new Uri(root, deep));
            Console.WriteLine($"catalog (3 facets): {catalog.Rps:0} req/s, p99 {catalog.P99Ms:0.0} ms");
            Console.WriteLine($"baseline (24 rows, Razor): {baseline.Rps:0} req/s, p99 {baseline.P99Ms:0.0} ms");
            Console.WriteLine($"page {DeepPage:N0}: {deepRun.Rps:0} req/s, p99 {deepRun.P99Ms:0.0} ms");
            var afterChangeMs = await AfterSellerPausesAsync(app, client);
            Console.WriteLine($"first catalog page after a seller pauses a listing (the change applied to the index): {afterChangeMs:0.0} ms");
            var result = new
            {
                scenario = "catalog",
                listings = Listings,
                rps = Math.Round(catalog.Rps, 1),
                baseline_rps = Math.Round(baseline.Rps, 1),
                ratio = Math.Round(catalog.Rps / baseline.Rps, 2),
                p99_ms = Math.Round(catalog.P99Ms, 2),
                deep_page_p99_ms = Math.Round(deepRun.P99Ms, 2),
                full_build_ms = Math.Round(fullBuildMs, 1),
                after_change_ms = Math.Round(afterChangeMs, 1),
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
    /// A seller pauses one of the faceted page's listings (through the change tracker, as the command does); the next
    /// catalog request applies that one change to the index instead of reading 100,000 listings again. Median of 5.
    /// </summary>
    private static async Task<double> AfterSellerPausesAsync(BenchmarkApp app, HttpClient client)
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
                var listing = await db.Listings.Where(l => l.IsActive && l.Category == DeviceCategory.Chromebook).OrderBy(l => l.Id).FirstAsync();
                listing.Pause(DateTimeOffset.UtcNow);
                await db.SaveChangesAsync();
            }

            var clock = Stopwatch.StartNew();
            await GetAsync(client, Faceted);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? html : throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
    }

    /// <summary>Follows the unfiltered catalog's "next" links, as a buyer paging on would, to page 2,000's URL.</summary>
    private static async Task<string> DeepPageUrlAsync(HttpClient client)
    {
        var url = "/store";
        for (var page = 1; page < DeepPage; page++)
        {
            var html = await GetAsync(client, url);
            url = WebUtility.HtmlDecode(Next().Match(html) is { Success: true } next ? next.Groups[1].Value : throw new InvalidOperationException($"Page {page} has no next link."));
        }

        var deep = await GetAsync(client, url);
        var expectedFirst = (DeepPage - 1) * BrowseCatalog.PageSize + 1;
        return deep.Contains($"Showing {expectedFirst:N0}–", StringComparison.Ordinal) ? url : throw new InvalidOperationException($"{url} is not page {DeepPage:N0}.");
    }

    private static (double Rps, double P99Ms) Wrk(Uri url)
    {
        RunWrk(url, "3s");
        return RunWrk(url, "10s");
    }

    private static (double Rps, double P99Ms) RunWrk(Uri url, string duration)
    {
        var wrk = Process.Start(new ProcessStartInfo("wrk", ["-t2", "-c32", "-d" + duration, "--latency", url.ToString()]) { RedirectStandardOutput = true })
                  ?? throw new InvalidOperationException("wrk did not start (apt-get install -y wrk).");
        var output = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        if (wrk.ExitCode != 0 || output.Contains("Non-2xx", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk against {url} failed:\n{output}");
        }

        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var p99 = P99().Match(output);
        var value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
        var ms = p99.Groups[2].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60_000 };
        return (rps, ms);
    }

    /// <summary>200 refurbishers (a third R2v3, a third e-Stewards certified) and 100,000 listings in one transaction.</summary>
    private static async Task SeedAsync(BenchmarkApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var random = new Random(20261207);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var pdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
        var sellers = new List<Organization>(Sellers);
        for (var s = 0; s < Sellers; s++)
        {
            var seller = Organization.Apply(new OrganizationApplication(OrganizationKind.Refurbisher, $"Refurbisher {s:D3} ITAD", "3302 S Pine St", "Tacoma", "WA", "98409",
                "253-555-0175", $"27-{3100000 + s}", null, PrivateSchool: false), now.AddYears(-1));
            sellers.Add(seller);
            db.Organizations.Add(seller);
            if (s % 3 < 2)
            {
                var kind = s % 3 == 0 ? DocumentKind.R2v3 : DocumentKind.EStewards;
                var file = new DocumentFile("certificate.pdf", "application/pdf", pdf);
                var document = OrganizationDocument.Upload(seller, new DocumentDetails(kind, $"{kind}-{s:D4}", "SERI", today.AddYears(-1), today.AddYears(1)), file,
                    "Benchmark", null, now);
                document.Approve([], "Benchmark admin", null, now);
                db.OrganizationDocuments.Add(document);
                db.OrganizationDocumentFiles.Add(document.FileOf(file));
            }
        }

        await db.SaveChangesAsync();
        var listings = new List<Listing>(Listings);
        int[] rams = [4, 4, 8, 8, 16], storages = [32, 64, 128, 256, 512];
        for (var i = 0; i < Listings; i++)
        {
            var model = Models[random.Next(Models.Length)];
            var price = Math.Round(60m + random.Next(0, 600) + 0.99m, 2);
            var details = new ListingDetails(null, null, model.Category, model.Manufacturer, model.Model, model.Cpu, rams[random.Next(rams.Length)],
                storages[random.Next(storages.Length)], model.Screen, (CosmeticGrade)random.Next(4), FunctionalStatus.Working, random.Next(80, 101),
                model.AueYear == 0 ? null : new DateOnly(model.AueYear, 6, 1), price, random.Next(1, 500), random.Next(4) * 6,
                random.Next(2) == 0 ? 10 : null, null, null, null);
            details = details with { Tier1Price = details.Tier1MinQuantity is null ? null : price - 5m };
            var listing = new Listing { SellerId = sellers[i % Sellers].Id, Title = details.TitleOrDefault, CreatedAt = now.AddMinutes(-random.Next(0, 60 * 24 * 365)) };
            details.ApplyTo(listing);
            listings.Add(listing);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.InsertManyAsync(listings, CancellationToken.None);
        await CatalogRevisionInterceptor.BumpAsync(db, CancellationToken.None);
        await transaction.CommitAsync();
    }

    [GeneratedRegex(@"Showing [\d,]+–[\d,]+ of [\d,]+ listings")]
    private static partial Regex Showing();

    [GeneratedRegex(@"<span class=""text-muted small""[^>]*>\([\d,]+\)</span>")]
    private static partial Regex FacetCount();

    [GeneratedRegex(@"rel=""next"" href=""([^""#]+)""")]
    private static partial Regex Next();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"99%\s+([\d.]+)(us|ms|s|m)")]
    private static partial Regex P99();
}

/// <summary>The baseline: one indexed query for 24 listings, rendered by Razor in the site's layout.</summary>
public sealed class CatalogBaselineController(MarketplaceDb db) : Controller
{
    [HttpGet("/bench/catalog-baseline")]
    public async Task<IActionResult> Index() =>
        View("/CatalogBaseline.cshtml", await db.Listings.AsNoTracking()
            .Where(l => l.IsActive && l.Category == DeviceCategory.Chromebook)
            .Take(BrowseCatalog.PageSize)
            .ToListAsync(HttpContext.RequestAborted));
}
