using Marketplace.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// The whole app in-process on a real SQLite file in its own temporary folder, with real Hangfire
/// processing and the demo data seeded. Extra settings (Stripe, clock) come through <see cref="Settings"/>.
/// </summary>
public class MarketplaceFactory : WebApplicationFactory<Program>
{
    // Migrating a fresh SQLite file and hashing the demo users' passwords is most of an app's start-up: do it once
    // per test run, then give every test app its own copy of the result.
    private static readonly Lazy<string> TemplateDatabase = new(CreateTemplateDatabase, LazyThreadSafetyMode.ExecutionAndPublication);

    // Each test app watches its configuration files and web root; with inotify every watcher takes one of the user's 128
    // instances, which several test runs on one machine (and watchers not yet finalized) exhaust, failing page renders with
    // an IOException. Polling watchers take none, and no test waits for a file change.
    static MarketplaceFactory() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    public MarketplaceFactory() : this(NewDataFolder()) => _ownsDataFolder = true;

    /// <summary>Reuses a data folder: a second factory on the same folder is the app after a restart.</summary>
    public MarketplaceFactory(string dataFolder) => DataFolder = dataFolder;

    public string DataFolder { get; }

    // A folder this factory made is its own to remove: left behind, a test run's copies of the database filled the shared
    // disk (tens of gigabytes over a day of runs). A folder passed in belongs to the test, which may restart the app on it.
    private readonly bool _ownsDataFolder;

    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>A new temporary folder holding a copy of the migrated, seeded template database.</summary>
    public static string NewDataFolder()
    {
        var folder = EmptyFolder();
        File.Copy(TemplateDatabase.Value, Path.Combine(folder, DatabaseFileName));
        return folder;
    }

    private const string DatabaseFileName = "marketplace.db";

    private static string EmptyFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "marketplace-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Starts the app once on an empty folder (migrations, reference data, demo seed), then folds the WAL into one file.</summary>
    private static string CreateTemplateDatabase()
    {
        var folder = EmptyFolder();
        using (var app = new MarketplaceFactory(folder))
        {
            _ = app.Services;
        }

        var path = Path.Combine(folder, DatabaseFileName);
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
            command.ExecuteNonQuery();
        }

        return path;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("App:DataFolder", DataFolder);
        builder.UseSetting("App:PublicUrl", "http://marketplace.test");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Jobs:WorkerCount", "2");
        // Every test client signs in from the same in-process address: the per-client sign-in limit is for strangers.
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A scope for arranging and asserting directly against the database.</summary>
    public async Task<T> WithDbAsync<T>(Func<MarketplaceDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDb>());
    }

    public async Task WithDbAsync(Func<MarketplaceDb, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<MarketplaceDb>());
    }

    /// <summary>Polls until a background job has produced what the test waits for.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDataFolder)
        {
            try
            {
                // Pooled SQLite connections may still hold the file open; on Linux and macOS it is unlinked all the same.
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Windows keeps a file that is open; the folder is left for the temp cleaner, as before.
            }
        }

        GC.SuppressFinalize(this);
    }
}
