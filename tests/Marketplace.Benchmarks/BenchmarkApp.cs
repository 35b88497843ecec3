using System.Security.Claims;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Benchmarks;

/// <summary>
/// The real app hosted in-process on a data folder of its own, in the Production environment, with quiet logs;
/// <paramref name="configure"/> lets a scenario add settings or test-only services on top.
/// </summary>
internal sealed class BenchmarkApp(string dataFolder, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Path.Combine(StartupScenario.RepositoryRoot(), "src", "Marketplace.Web"));
        builder.UseEnvironment("Production");
        builder.UseSetting("App:DataFolder", dataFolder);
        builder.UseSetting("Outbox:PollInterval", "00:00:00.100");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("BENCH_SQL") ?? "Warning");
        configure?.Invoke(builder);
    }

    /// <summary>Sends a command or query through the app's real pipeline as <paramref name="user"/>, as a page would.</summary>
    public async Task<T> AskAsync<T>(ClaimsPrincipal user, IMessage message)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = user, RequestServices = scope.ServiceProvider };
        return (T)(await scope.ServiceProvider.GetRequiredService<ISender>().Send(message))!;
    }

    public Task SendAsync(ClaimsPrincipal user, IMessage message) => AskAsync<object>(user, message);

    /// <summary>A signed-in demo user as the pipeline sees one: the app's own claims factory, duties and membership included.</summary>
    public async Task<ClaimsPrincipal> PrincipalAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
    }
}
