using Marketplace.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure;

/// <summary>People added beside the demo users, so a test may deactivate, re-duty or reset them without touching anyone else's sign-in.</summary>
public static class People
{
    /// <summary>A new member of <paramref name="colleague"/>'s organization with these duties and no second factor; returns their e-mail.</summary>
    public static async Task<string> AddMemberAsync(this MarketplaceFactory factory, string colleague, string name, params string[] duties)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var organization = (await users.FindByEmailAsync(colleague))!.OrganizationId;
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@people.test";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, OrganizationId = organization };
        var created = await users.CreateAsync(user, DemoData.DefaultPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRolesAsync(user, duties)).Succeeded);
        return email;
    }

    public static Task<Guid> IdOfAsync(this MarketplaceFactory factory, string email) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>A page as a signed-in session sees it: the response, not followed.</summary>
    public static Task<HttpResponseMessage> GetAsync(this BrowserClient browser, string url) => browser.Http.GetAsync(url);
}
