using Marketplace.Tests.Domain.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
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
    /// are named); returns the e-mail that signs in with the demo password.
    /// </summary>
    public static async Task<string> AddOrganizationWithUserAsync(this MarketplaceFactory factory, string name, OrganizationKind kind, params string[] duties)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var organization = await db.SaveVerifiedAsync(name, kind);

        var email = $"staff-{Guid.NewGuid():N}@other.k12";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Staff of {name}", OrganizationId = organization.Id };
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = await users.CreateAsync(user, DemoData.DefaultPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRolesAsync(user, duties.Length > 0 ? duties : Roles.DutiesOf(kind))).Succeeded);
        return email;
    }

    /// <summary>Adds a person with the given duties to an existing organization; returns the e-mail that signs in with the demo password.</summary>
    public static async Task<string> AddUserAsync(this MarketplaceFactory factory, Guid organizationId, string name, params string[] duties)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var email = $"person-{Guid.NewGuid():N}@other.k12";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, OrganizationId = organizationId };
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = await users.CreateAsync(user, DemoData.DefaultPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRolesAsync(user, duties)).Succeeded);
        return email;
    }
}
