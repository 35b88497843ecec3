using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.E2E.Infrastructure;

/// <summary>
/// What a browser journey cannot click but the story needs: another organization that already exists, time passing (a
/// sale's close moved, as the clock would move it), and a background job run now rather than at its hour.
/// </summary>
public static class ServerBackdoor
{
    /// <summary>A verified refurbisher with a W-9 and a current R2v3 on file, and one buyer who signs in with the demo password.</summary>
    public static async Task<string> AddCertifiedRefurbisherAsync(this MarketplaceServer server, string name)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var email = $"buyer.{Guid.NewGuid():N}@{name.Split(' ')[0].ToLowerInvariant()}.test";
        await Marketplace.Tests.Infrastructure.CertifiedRefurbishers.AddAsync(scope.ServiceProvider, name, $"27-{Random.Shared.Next(1_000_000, 9_999_999)}", email);
        return email;
    }

    /// <summary>Time passes: the lot's sale now closes at <paramref name="closesAt"/>.</summary>
    public static async Task MoveCloseAsync(this MarketplaceServer server, Guid lotId, DateTimeOffset closesAt)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().Sales.Where(s => s.LotId == lotId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, closesAt).SetProperty(x => x.ScheduledCloseAt, closesAt));
    }

    /// <summary>Sends a command as the background jobs do.</summary>
    public static async Task<T> SendAsSystemAsync<T>(this MarketplaceServer server, ICommand<T> command)
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>Sends a command as <paramref name="email"/> would from a page: the app's own claims, membership and duties included.</summary>
    public static async Task<T> SendAsAsync<T>(this MarketplaceServer server, string email, ICommand<T> command)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = principal, RequestServices = scope.ServiceProvider };
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public static async Task<T> QueryAsync<T>(this MarketplaceServer server, Func<MarketplaceDb, Task<T>> query)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MarketplaceDb>());
    }
}
