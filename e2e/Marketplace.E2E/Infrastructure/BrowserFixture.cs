using Microsoft.Playwright;

namespace Marketplace.E2E.Infrastructure;

/// <summary>
/// One app server and one headless Debian Chromium for the whole test run (an assembly fixture). Nothing starts when Chromium is
/// missing: the tests then skip, or fail when E2E_REQUIRED=1 (CI must not pass by skipping).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string MissingChromium = "Chromium not found: install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH) to run browser tests.";

    // Without these Chromium keeps calling Google services, which the closed network answers slowly or not at all.
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    private IPlaywright? playwright;

    public string ChromiumPath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public bool IsAvailable => File.Exists(ChromiumPath);

    public MarketplaceServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!IsAvailable)
        {
            return;
        }

        Server = new MarketplaceServer();
        Server.Start();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 30_000,
        });
    }

    /// <summary>Call first in every browser test.</summary>
    public void RequireBrowser()
    {
        if (IsAvailable)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("E2E_REQUIRED") == "1")
        {
            Assert.Fail($"E2E_REQUIRED=1 but no Chromium at {ChromiumPath}. {MissingChromium}");
        }

        Assert.Skip(MissingChromium);
    }

    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
            Locale = "en-US",
            TimezoneId = "America/Los_Angeles",
        });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
