using Marketplace.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// The whole app in-process on a real SQLite file in its own temporary folder, with real Hangfire
/// processing and the demo data seeded. Extra settings (Stripe, clock) come through <see cref="Settings"/>.
/// </summary>
public class MarketplaceFactory : WebApplicationFactory<Program>
{
    public MarketplaceFactory() : this(NewDataFolder())
    {
    }

    /// <summary>Reuses a data folder: a second factory on the same folder is the app after a restart.</summary>
    public MarketplaceFactory(string dataFolder) => DataFolder = dataFolder;

    public string DataFolder { get; }

    public Dictionary<string, string?> Settings { get; } = new();

    public static string NewDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "marketplace-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("App:DataFolder", DataFolder);
        builder.UseSetting("App:PublicUrl", "http://marketplace.test");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Jobs:WorkerCount", "2");
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
        GC.SuppressFinalize(this);
    }
}
