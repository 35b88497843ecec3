using System.Security.Claims;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Benchmarks;

/// <summary>The real app hosted in-process on a data folder of its own, in the Production environment, with quiet logs.</summary>
internal sealed class BenchmarkApp(string dataFolder) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Path.Combine(StartupScenario.RepositoryRoot(), "src", "Marketplace.Web"));
        builder.UseEnvironment("Production");
        builder.UseSetting("App:DataFolder", dataFolder);
        builder.UseSetting("Outbox:PollInterval", "00:00:00.100");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    /// <summary>Sends a command or query through the app's real pipeline as <paramref name="user"/>, as a page would.</summary>
    public async Task<T> AskAsync<T>(ClaimsPrincipal user, IMessage message)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = user, RequestServices = scope.ServiceProvider };
        return (T)(await scope.ServiceProvider.GetRequiredService<ISender>().Send(message))!;
    }

    public Task SendAsync(ClaimsPrincipal user, IMessage message) => AskAsync<object>(user, message);

    /// <summary>A signed-in demo user as the pipeline sees one: id, organization and role claims.</summary>
    public async Task<ClaimsPrincipal> PrincipalAsync(string email, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().Users.AsNoTracking().SingleAsync(u => u.Email == email);
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(MarketplaceClaims.OrganizationId, user.OrganizationId.ToString()),
            new Claim(ClaimTypes.Role, role),
        ], "benchmark"));
    }
}
