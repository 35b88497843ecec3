using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Organizations beside the demo ones, for tests about what a second school or refurbisher may see and do.</summary>
public static class OtherOrganizations
{
    /// <summary>
    /// Adds a verified organization with one staff member holding the given duties (every duty of the kind when none
    /// are named); returns the e-mail that signs in with the demo password (and the demo authenticator key, when the
    /// duties require a second factor).
    /// </summary>
    public static async Task<string> AddOrganizationWithUserAsync(this MarketplaceFactory factory, string name, OrganizationKind kind, params string[] duties)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var organization = new Organization { Name = name, Kind = kind, IsVerified = true };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();

        var email = $"staff-{Guid.NewGuid():N}@other.k12";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Staff of {name}", OrganizationId = organization.Id };
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = await users.CreateAsync(user, DemoData.DefaultPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var roles = duties.Length > 0 ? duties : Roles.DutiesOf(kind);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        if (DutyGrants.RequireTwoFactor(roles))
        {
            // As the demo users: BrowserClient.SignInAsync answers the second step with the demo key's code.
            await DemoData.EnableDemoTwoFactorAsync(users, scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>(), user, CancellationToken.None);
        }

        return email;
    }
}
