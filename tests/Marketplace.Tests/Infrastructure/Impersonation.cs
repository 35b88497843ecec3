using System.Security.Claims;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Sends commands through the app's real mediator pipeline as a demo user or as a background job would.</summary>
public static class Impersonation
{
    public static async Task<T> SendAsAsync<T>(this MarketplaceFactory factory, string email, ICommand<T> command)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { User = await PrincipalAsync(scope.ServiceProvider, email), RequestServices = scope.ServiceProvider };
        try
        {
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    public static async Task<T> SendAsSystemAsync<T>(this MarketplaceFactory factory, ICommand<T> command)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string email)
    {
        var db = services.GetRequiredService<MarketplaceDb>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, email),
            new(MarketplaceClaims.OrganizationId, user.OrganizationId.ToString()),
        };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
    }
}
