using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Marketplace.Benchmarks;

/// <summary>
/// Cold start to first served page: a fresh data folder (so migrations and demo seeding run), the
/// Release build, one GET /. Also reports resident memory after that page. The baseline is a bare
/// ASP.NET Core app started the same way.
/// </summary>
internal static class StartupScenario
{
    private const int Runs = 3;

    public static async Task<int> RunAsync()
    {
        var root = RepositoryRoot();
        var webFolder = Path.Combine(root, "src", "Marketplace.Web");
        var appDll = Path.Combine(webFolder, "bin", "Release", "net10.0", "Marketplace.Web.dll");
        if (!File.Exists(appDll))
        {
            Console.Error.WriteLine($"{appDll} is missing: run with -c Release so the app is built in Release.");
            return 1;
        }

        var self = typeof(StartupScenario).Assembly.Location;
        var app = new List<(double Seconds, double RssMb)>();
        var baseline = new List<(double Seconds, double RssMb)>();
        for (var run = 0; run < Runs; run++)
        {
            var dataFolder = Directory.CreateTempSubdirectory("marketplace-bench-");
            try
            {
                app.Add(await MeasureAsync(appDll, webFolder, port => ["--urls", $"http://127.0.0.1:{port}", "--App:DataFolder", dataFolder.FullName]));
            }
            finally
            {
                dataFolder.Delete(recursive: true);
            }

            baseline.Add(await MeasureAsync(self, webFolder, port => [BaselineServer.Argument, "--urls", $"http://127.0.0.1:{port}"]));
            Console.WriteLine($"run {run + 1}: app {app[^1].Seconds:0.000} s, {app[^1].RssMb:0} MB; baseline {baseline[^1].Seconds:0.000} s, {baseline[^1].RssMb:0} MB");
        }

        var seconds = Median(app.Select(a => a.Seconds));
        var rss = Median(app.Select(a => a.RssMb));
        var baselineSeconds = Median(baseline.Select(b => b.Seconds));
        var result = new
        {
            scenario = "startup",
            seconds = Math.Round(seconds, 3),
            rss_mb = Math.Round(rss, 1),
            baseline_seconds = Math.Round(baselineSeconds, 3),
            baseline_rss_mb = Math.Round(Median(baseline.Select(b => b.RssMb)), 1),
            ratio = Math.Round(seconds / baselineSeconds, 2),
            runs = Runs,
        };
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<(double Seconds, double RssMb)> MeasureAsync(string dll, string contentRoot, Func<int, string[]> arguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments(port))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode} before serving a page");
                }

                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        await response.Content.ReadAsStringAsync();
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (stopwatch.Elapsed > TimeSpan.FromSeconds(120))
                {
                    throw new TimeoutException("no page within 120 s");
                }

                await Task.Delay(20);
            }

            var seconds = stopwatch.Elapsed.TotalSeconds;
            return (seconds, ResidentMegabytes(process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Marketplace.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run the benchmarks from inside the repository.");
    }
}
