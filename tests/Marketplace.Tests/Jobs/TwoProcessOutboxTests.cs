using Marketplace.Web.Domain;
using System.Collections.Concurrent;
using System.Diagnostics;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Jobs;

public sealed class TwoProcessOutboxTests
{
    private const int Messages = 500;

    // Short enough that rows waiting in one process's Hangfire queue are claimed again by the other.
    private const string Lease = "00:00:01";

    [Fact]
    public async Task Two_app_processes_dispatching_one_SQLite_file_send_each_email_exactly_once()
    {
        var started = Stopwatch.StartNew();
        await using var app = new OutboxApp();
        app.Settings["Outbox:Lease"] = Lease;
        var school = await app.SchoolAsync();
        var childLog = new ConcurrentQueue<string>();
        using var child = StartSecondProcess(app.DataFolder, childLog);
        try
        {
            await MarketplaceFactory.EventuallyAsync(
                () => Task.FromResult(child.HasExited ? throw new InvalidOperationException($"The second process exited: {string.Join('\n', childLog)}")
                    : childLog.Any(l => l.Contains("Now listening on", StringComparison.Ordinal)) ? "up" : null),
                "the second app process to start");

            var run = Guid.NewGuid().ToString("N");
            // Saved as a committed command saves them, without waking this process's dispatcher first.
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
                for (var i = 0; i < Messages; i++)
                {
                    outbox.Enqueue(new SendEmail.Command(school, $"Reminder {run} #{i:000}", "Pickup tomorrow between 8:00 and 10:00 am.", [Roles.SchoolBuyer]));
                }

                await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().SaveChangesAsync();
            }

            await MarketplaceFactory.EventuallyAsync(
                async () => await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Payload.Contains(run) && m.CompletedAt != null)) == Messages ? "all" : null,
                $"all {Messages} outbox rows to complete", TimeSpan.FromSeconds(60));

            var perSubject = await app.WithDbAsync(db => db.EmailMessages.Where(e => e.Subject.Contains(run))
                .GroupBy(e => e.Subject).Select(g => g.Count()).ToListAsync());
            Assert.Equal(Messages, perSubject.Count);
            Assert.All(perSubject, count => Assert.Equal(1, count));
            var files = Directory.GetFiles(Path.Combine(app.DataFolder, "mail"), "*.eml")
                .Count(f => File.ReadAllText(f).Contains(run, StringComparison.Ordinal));
            Assert.Equal(Messages, files);

            var completers = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Payload.Contains(run)).Select(m => m.LeaseOwner!).ToListAsync());
            var byProcess = completers.GroupBy(c => c[..c.IndexOf('/')]).ToDictionary(g => g.Key, g => g.Count());
            var here = byProcess.GetValueOrDefault(app.Dispatcher.Owner);
            var there = byProcess.GetValueOrDefault($"{Environment.MachineName}:{child.Id}");
            Assert.Equal(Messages, here + there);
            var log = app.JobLog.Entries.Select(e => e.Message).Concat(childLog).ToList();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"completed here {here}, in the second process {there}; {Messages} rows; runs started {Count("Running outbox message")}, " +
                $"stale claims that stepped aside {Count("is no longer held by claim")}, runs that found the row completed {Count("already completed by another run")}; " +
                $"{started.Elapsed.TotalSeconds:0.0} s");
            int Count(string fragment) => log.Count(l => l.Contains(fragment, StringComparison.Ordinal));
            Assert.True(here > 0 && there > 0, $"both processes should complete rows (here {here}, there {there})");
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
            }
        }
    }

    private static Process StartSecondProcess(string dataFolder, ConcurrentQueue<string> log)
    {
        var (folder, dll) = WebAppBuildOutput();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.Environment["App__DataFolder"] = dataFolder;
        start.Environment["App__PublicUrl"] = "http://marketplace.test";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Demo__Seed"] = "true";
        start.Environment["Outbox__PollInterval"] = "00:00:00.200";
        start.Environment["Outbox__Lease"] = Lease;
        start.Environment["Jobs__WorkerCount"] = "2";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the second app process.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Append(string? line)
        {
            if (line is not null)
            {
                log.Enqueue(line);
            }
        }
    }

    /// <summary>The web project's own build output for this configuration, else the copy beside the tests.</summary>
    private static (string Folder, string Dll) WebAppBuildOutput()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tests.Parent!.Name;
        var web = Path.Combine(Path.GetDirectoryName(MigrationTests.RepositoryFile("src"))!, "src", "Marketplace.Web", "bin", configuration, tests.Name);
        foreach (var folder in (string[])[web, tests.FullName])
        {
            if (File.Exists(Path.Combine(folder, "Marketplace.Web.dll")) && File.Exists(Path.Combine(folder, "Marketplace.Web.runtimeconfig.json")))
            {
                return (folder, Path.Combine(folder, "Marketplace.Web.dll"));
            }
        }

        throw new FileNotFoundException($"Marketplace.Web.dll with its runtimeconfig was found neither in {web} nor in {tests.FullName}.");
    }
}
