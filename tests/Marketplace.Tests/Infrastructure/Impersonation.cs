using System.Security.Claims;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Sends commands through the app's real mediator pipeline as a demo user or as a background job would.</summary>
public static class Impersonation
{
    public static Task<T> SendAsAsync<T>(this MarketplaceFactory factory, string email, ICommand<T> command) =>
        factory.AsAsync(email, sender => sender.Send(command));

    public static Task<T> QueryAsAsync<T>(this MarketplaceFactory factory, string email, IQuery<T> query) =>
        factory.AsAsync(email, sender => sender.Send(query));

    private static async Task<T> AsAsync<T>(this MarketplaceFactory factory, string email, Func<ISender, ValueTask<T>> send)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { User = await PrincipalAsync(scope.ServiceProvider, email), RequestServices = scope.ServiceProvider };
        try
        {
            return await send(scope.ServiceProvider.GetRequiredService<ISender>());
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>The principal the app would put in <paramref name="email"/>'s cookie.</summary>
    public static async Task<ClaimsPrincipal> PrincipalAsync(this MarketplaceFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await PrincipalAsync(scope.ServiceProvider, email);
    }

    public static async Task<T> SendAsSystemAsync<T>(this MarketplaceFactory factory, ICommand<T> command)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>The principal the app itself would put in the cookie: the same claims factory, membership included.</summary>
    private static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string email)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
    }
}
