using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 on a port the OS picks, with its own SQLite folder, the demo
/// data and real background jobs — what a browser can talk to, unlike the in-memory TestServer.
/// </summary>
public sealed class MarketplaceServer : WebApplicationFactory<Program>
{
    public MarketplaceServer()
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "marketplace-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string DataFolder { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        BaseAddress = new Uri(address);
        // The port is only known once Kestrel listens; links in certificates (QR codes) read this setting when they are made.
        Services.GetRequiredService<IConfiguration>()["App:PublicUrl"] = BaseAddress.ToString().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("App:DataFolder", DataFolder);
        builder.UseSetting("App:PublicUrl", "http://127.0.0.1"); // replaced by the real address in Start()
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Jobs:WorkerCount", "2");
        // Every browser session signs in from 127.0.0.1: the per-client sign-in limit is for strangers.
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "100000");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the WAL file for a moment; the temp folder is cleaned by the OS anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
