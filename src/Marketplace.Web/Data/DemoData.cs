using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

/// <summary>Demo organizations and one sign-in per role, so a first <c>dotnet run</c> can be explored at once.</summary>
public sealed class DemoData(MarketplaceDb db, UserManager<AppUser> users, IUserStore<AppUser> userStore, IClock clock, IConfiguration configuration, ILogger<DemoData> logger)
{
    public const string DefaultPassword = "Demo-pass-2026!";

    /// <summary>
    /// The one authenticator key of the demo users whose duties require two-factor sign-in (base32; the README gives it and
    /// its otpauth:// link). Demo data only: it is seeded with the demo users (<c>Demo:Seed</c>) and nowhere else, and
    /// anyone who reads the README can make its codes.
    /// </summary>
    public const string DemoAuthenticatorSecret = "DEMOSECRETMAPLEVALLEYMARKETPLACE";

    /// <summary>
    /// The first user of each organization is its admin and holds every duty, as the person who signs an
    /// organization up does; the others show separated duties.
    /// </summary>
    public static readonly IReadOnlyList<(string Email, string Name, string[] Roles, string Organization)> Users =
    [
        ("district@demo.k12", "Dana Whitfield", [Roles.OrganizationAdmin, Roles.DistrictInventory, Roles.DistrictApprover], "Maple Valley School District"),
        ("inventory@demo.k12", "Tom Reyes", [Roles.DistrictInventory], "Maple Valley School District"),
        ("district2@demo.k12", "Luis Ortega", [Roles.OrganizationAdmin, Roles.DistrictInventory, Roles.DistrictApprover], "Cedar Ridge Unified School District"),
        ("refurbisher@demo.k12", "Priya Natarajan", [Roles.OrganizationAdmin, Roles.RefurbisherBuyer, Roles.RefurbisherTechnician], "GreenCycle ITAD"),
        ("technician@demo.k12", "Ken Okafor", [Roles.RefurbisherTechnician], "GreenCycle ITAD"),
        ("school@demo.k12", "Marcus Bell", [Roles.OrganizationAdmin, Roles.SchoolBuyer], "Lakeside Elementary School"),
        ("principal@demo.k12", "Grace Liu", [Roles.SchoolApprover], "Lakeside Elementary School"),
        ("finance@demo.k12", "Erin Kowalski", [Roles.Finance], "K-12 Device Marketplace"),
        ("admin@demo.k12", "Sam Adeyemi", [Roles.OrganizationAdmin, Roles.Admin], "K-12 Device Marketplace"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Organizations.AnyAsync(cancellationToken))
        {
            return;
        }

        var today = clock.Today;
        Organization[] organizations =
        [
            new() { Name = "Maple Valley School District", Kind = OrganizationKind.District, City = "Maple Valley", State = "WA", IsVerified = true },
            new() { Name = "Cedar Ridge Unified School District", Kind = OrganizationKind.District, City = "Bend", State = "OR", IsVerified = true },
            new()
            {
                Name = "GreenCycle ITAD", Kind = OrganizationKind.Refurbisher, City = "Tacoma", State = "WA", IsVerified = true,
                Certification = CertificationStandard.R2v3, CertificationNumber = "R2V3-2025-0417", CertificationExpires = today.AddYears(1),
            },
            new() { Name = "Lakeside Elementary School", Kind = OrganizationKind.School, City = "Kirkland", State = "WA", IsVerified = true },
            new() { Name = "K-12 Device Marketplace", Kind = OrganizationKind.Platform, IsVerified = true },
        ];
        db.Organizations.AddRange(organizations);
        var refurbisher = organizations[2];
        db.Listings.AddRange(
            Listing("Dell Chromebook 3110 (refurbished)", "11.6\" HD, Intel Celeron N4500, 4 GB RAM, 32 GB eMMC. New battery, charger included. Auto updates until June 2031.", DeviceCategory.Chromebook, CosmeticGrade.A, 129m, 40, refurbisher.Id),
            Listing("Lenovo 300e Chromebook Gen 3 (refurbished)", "11.6\" touchscreen 2-in-1, AMD 3015Ce, 4 GB RAM. Rugged keyboard, charger included.", DeviceCategory.Chromebook, CosmeticGrade.B, 99m, 25, refurbisher.Id),
            Listing("HP ProBook 440 G8 (refurbished)", "14\" FHD, Intel Core i5-1135G7, 8 GB RAM, 256 GB SSD, Windows 11 Pro Education.", DeviceCategory.WindowsLaptop, CosmeticGrade.A, 289m, 12, refurbisher.Id));
        await db.SaveChangesAsync(cancellationToken);

        var password = configuration["Demo:Password"] is { Length: > 0 } configured ? configured : DefaultPassword;
        foreach (var (email, name, roles, organization) in Users)
        {
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                OrganizationId = organizations.Single(o => o.Name == organization).Id,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Could not create demo user {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRolesAsync(user, roles);
            if (DutyGrants.RequireTwoFactor(roles))
            {
                await EnableDemoTwoFactorAsync(users, userStore, user, cancellationToken);
            }
        }

        logger.LogInformation("Seeded demo organizations and {Count} demo users (see README for sign-ins)", Users.Count);

        Listing Listing(string title, string description, DeviceCategory category, CosmeticGrade grade, decimal price, int quantity, Guid seller)
        {
            var listing = new Listing { Title = title, Description = description, Category = category, Grade = grade, Price = price, SellerId = seller, CreatedAt = clock.Now };
            listing.Restock(quantity);
            return listing;
        }
    }

    /// <summary>Turns two-factor sign-in on with <see cref="DemoAuthenticatorSecret"/>: for demo users, and for tests' own users who need it.</summary>
    public static async Task EnableDemoTwoFactorAsync(UserManager<AppUser> users, IUserStore<AppUser> store, AppUser user, CancellationToken cancellationToken)
    {
        await Authenticator.SetKeyAsync(users, store, user, DemoAuthenticatorSecret, cancellationToken);
        var enabled = await users.SetTwoFactorEnabledAsync(user, true);
        if (!enabled.Succeeded)
        {
            throw new InvalidOperationException($"Could not turn on two-factor sign-in for demo user {user.Email}: {string.Join("; ", enabled.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>Brings the database to the current migration and the reference data every install needs.</summary>
public sealed class DatabaseStartup(MarketplaceDb db, RoleManager<IdentityRole<Guid>> roles, IServiceProvider services, IConfiguration configuration)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets pages read while a background job writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await services.GetRequiredService<ReferenceData>().SeedDeviceModelsAsync(cancellationToken);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        if (configuration.GetValue("Demo:Seed", true))
        {
            await services.GetRequiredService<DemoData>().SeedAsync(cancellationToken);
        }
    }
}
