using Marketplace.Tests.Domain.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Organizations beside the demo ones, for tests about what a second school or refurbisher may see and do.</summary>
public static class OtherOrganizations
{
    /// <summary>
    /// Saves a verified organization holding the documents its kind needs (and the certification named), approved today,
    /// with their files: it may trade as the demo organizations do.
    /// </summary>
    public static async Task<Organization> SaveVerifiedAsync(this MarketplaceDb db, string name, OrganizationKind kind, DocumentKind? certification = null)
    {
        var (organization, documents) = SampleOrganizations.Verified(kind, DateTimeOffset.UtcNow, name, certification);
        db.Organizations.Add(organization);
        db.OrganizationDocuments.AddRange(documents);
        db.OrganizationDocumentFiles.AddRange(documents.Select(d => d.FileOf(new DocumentFile(d.FileName!, d.ContentType!, SampleOrganizations.Pdf))));
        await db.SaveChangesAsync();
        return organization;
    }

    /// <summary>
    /// Adds a verified organization with one staff member holding the given duties (every duty of the kind when none
    /// are named); returns the e-mail that signs in with the demo password (and the demo authenticator key, when the
    /// duties require a second factor).
    /// </summary>
    public static async Task<string> AddOrganizationWithUserAsync(this MarketplaceFactory factory, string name, OrganizationKind kind, params string[] duties)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var organization = await db.SaveVerifiedAsync(name, kind);
        if (Marketplace.Web.Features.Organizations.ShippingSites.Buys(kind))
        {
            // A buyer ships to at least one of its sites: checkout offers it.
            db.ShippingSites.Add(ShippingSite.Create(organization.Id, new ShippingSiteDetails($"{name} – receiving", "Front office", organization.Street ?? "100 Main St", null,
                organization.City ?? "Tacoma", organization.State ?? "WA", organization.PostalCode ?? "98409")));
            await db.SaveChangesAsync();
        }

        return await scope.ServiceProvider.AddPersonAsync(organization.Id, $"staff-{Guid.NewGuid():N}@other.k12", $"Staff of {name}",
            duties.Length > 0 ? duties : Roles.DutiesOf(kind));
    }

    /// <summary>A verified refurbisher holding a current R2v3 certification, with one staff member holding every refurbisher duty.</summary>
    public static async Task<(string Email, Guid OrganizationId)> AddCertifiedRefurbisherAsync(this MarketplaceFactory factory, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var email = $"buyer-{Guid.NewGuid():N}@other.k12";
        return (email, await CertifiedRefurbishers.AddAsync(scope.ServiceProvider, name, $"27-{Random.Shared.Next(1_000_000, 9_999_999)}", email));
    }

    /// <summary>Adds a person with the given duties to an existing organization; returns the e-mail that signs in with the demo password.</summary>
    public static async Task<string> AddUserAsync(this MarketplaceFactory factory, Guid organizationId, string name, params string[] duties)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.AddPersonAsync(organizationId, $"person-{Guid.NewGuid():N}@other.k12", name, duties);
    }

    /// <summary>
    /// A confirmed account with the given duties; when they require a second factor it gets the demo key, as the demo users
    /// do, so <see cref="BrowserClient.SignInAsync"/> answers the second step with the demo key's code.
    /// </summary>
    public static async Task<string> AddPersonAsync(this IServiceProvider services, Guid organizationId, string email, string name, IReadOnlyList<string> duties)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, OrganizationId = organizationId };
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var created = await users.CreateAsync(user, DemoData.DefaultPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRolesAsync(user, duties)).Succeeded);
        if (DutyGrants.RequireTwoFactor(duties))
        {
            await DemoData.EnableDemoTwoFactorAsync(users, services.GetRequiredService<IUserStore<AppUser>>(), user, CancellationToken.None);
        }

        return email;
    }
}
