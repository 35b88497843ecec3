using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Marketplace.Tests.Infrastructure.Web;

/// <summary>The built app, started from a directory of its own choosing, still looks like itself.</summary>
public sealed partial class StartedElsewhereTests
{
    [Fact]
    public async Task The_app_started_from_another_working_directory_serves_its_styles_and_scripts()
    {
        var folder = Directory.CreateTempSubdirectory("marketplace-elsewhere").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["App__DataFolder"] = Path.Combine(folder, "data");
        start.Environment["Demo__Seed"] = "false";
        using var app = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _ = app.StandardError.ReadToEndAsync();
        try
        {
            var address = await ListeningAddressAsync(app.StandardOutput).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            using var http = new HttpClient { BaseAddress = address };

            var css = await http.GetAsync("/css/site.css", TestContext.Current.CancellationToken);
            var bootstrap = await http.GetAsync("/lib/bootstrap/bootstrap.bundle.min.js", TestContext.Current.CancellationToken);
            var home = await http.GetStringAsync("/", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal(HttpStatusCode.OK, bootstrap.StatusCode);
            Assert.Contains("/css/site.css", home);
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Reads the app's log until Kestrel says where it listens (the port is the OS's choice).</summary>
    private static async Task<Uri> ListeningAddressAsync(StreamReader log)
    {
        while (await log.ReadLineAsync() is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                // Keep draining the log so the app never blocks on a full pipe.
                _ = log.ReadToEndAsync();
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException("The app stopped before it listened.");
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
