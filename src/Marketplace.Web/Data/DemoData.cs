using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Documents;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Domain.People;
using Marketplace.Web.Features.Storefront;
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
    /// organization up does; the others show separated duties. Summit Renew applied and waits for review.
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
        ("applicant@demo.k12", "Alex Moreno", [Roles.OrganizationAdmin, .. Roles.DutiesOf(OrganizationKind.Refurbisher)], PendingApplicant),
    ];

    /// <summary>The demo organization that applied and waits for a platform admin's review.</summary>
    public const string PendingApplicant = "Summit Renew Technologies";

    private const string Reviewer = "Sam Adeyemi (demo data)";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Organizations.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.Now;
        var today = clock.Today;
        Organization[] organizations =
        [
            Applied(OrganizationKind.District, "Maple Valley School District", "22225 SE 231st St", "Maple Valley", "WA", "98038", "425-555-0100", "91-6001948", "5304650"),
            Applied(OrganizationKind.District, "Cedar Ridge Unified School District", "520 NW Wall St", "Bend", "OR", "97703", "541-555-0142", "93-6002417", "4101470"),
            Applied(OrganizationKind.Refurbisher, "GreenCycle ITAD", "3302 S Pine St", "Tacoma", "WA", "98409", "253-555-0175", "27-3184406", null),
            Applied(OrganizationKind.School, "Lakeside Elementary School", "12215 NE 128th St", "Kirkland", "WA", "98034", "425-555-0163", "91-6001532", "530423000512"),
            Organization.Platform("K-12 Device Marketplace", now),
            Applied(OrganizationKind.Refurbisher, PendingApplicant, "1120 N Division St", "Spokane", "WA", "99202", "509-555-0131", "46-2917305", null),
        ];
        db.Organizations.AddRange(organizations);
        var (maple, cedar, refurbisher, school, _, applicant) = (organizations[0], organizations[1], organizations[2], organizations[3], organizations[4], organizations[5]);

        // Every trading demo organization is verified on a W-9 signed a few months ago (schools on their tax-exempt
        // certificate too); GreenCycle holds an R2v3 certificate that runs a year from seeding.
        var files = new List<OrganizationDocumentFile>();
        var documents = new List<OrganizationDocument>
        {
            W9(maple, "Dana Whitfield, Director of Technology", today.AddMonths(-4)),
            W9(cedar, "Luis Ortega, Chief Business Officer", today.AddMonths(-7)),
            W9(refurbisher, "Priya Natarajan, Managing Director", today.AddMonths(-2)),
            W9(school, "Marcus Bell, Office Manager", today.AddMonths(-5)),
            Document(school, new DocumentDetails(DocumentKind.TaxExemptCertificate, "WA-SST-0042178", "Washington (Streamlined Sales Tax member state)",
                today.AddMonths(-5), null, TaxExemptForm.StreamlinedSalesTax, ExemptionReason.EducationalOrganization), "Streamlined Sales Tax exemption certificate"),
            Document(refurbisher, new DocumentDetails(DocumentKind.R2v3, "R2V3-2025-0417", "SERI (Sustainable Electronics Recycling International)",
                today.AddYears(-2), today.AddYears(1)), "R2v3 certificate"),
        };
        foreach (var document in documents)
        {
            document.Approve(documents, Reviewer, null, now);
        }

        foreach (var organization in new[] { maple, cedar, refurbisher, school })
        {
            organization.Verify(documents, today, Reviewer, now);
        }

        // The applicant uploaded its W-9 and waits: an admin finds it in the review queue, its people see what is missing.
        documents.Add(W9(applicant, "Alex Moreno, Operations Manager", today.AddDays(-3)));
        db.OrganizationDocuments.AddRange(documents);
        db.OrganizationDocumentFiles.AddRange(files);
        school.SetOrderApprovalLimit(2_500m); // Lakeside: larger orders wait for the principal
        // Maple Valley's grants: one under the $5,000 thresholds of 2 CFR 200 before its 2024 revision, one under the $10,000 ones.
        db.FundingAwards.AddRange(
            FundingAward.Record(maple.Id, "ESSER III", new DateOnly(2021, 3, 24), 100m, now),
            FundingAward.Record(maple.Id, "Title IV-A 2025", new DateOnly(2025, 7, 1), 80m, now));
        // Where storefront orders ship: Lakeside's office and its portable-classroom annex, and three of Maple Valley's schools
        // (one retired, so its past orders still show it while checkout no longer offers it).
        db.ShippingSites.AddRange(
            ShippingSite.Create(school.Id, new ShippingSiteDetails("Lakeside Elementary – main office", "Marcus Bell, Office Manager", "12215 NE 128th St", null, "Kirkland", "WA", "98034")),
            ShippingSite.Create(school.Id, new ShippingSiteDetails("Lakeside Elementary – library annex", "Library / IT cart room", "12215 NE 128th St", "Portable 4", "Kirkland", "WA", "98034-2210")),
            ShippingSite.Create(maple.Id, new ShippingSiteDetails("Maple Valley SD – central receiving", "IT Receiving Dock", "22225 SE 231st St", null, "Maple Valley", "WA", "98038")),
            ShippingSite.Create(maple.Id, new ShippingSiteDetails("Tahoma Middle School", "Front office", "24425 SE 216th St", null, "Maple Valley", "WA", "98038")));
        var oldAnnex = ShippingSite.Create(maple.Id, new ShippingSiteDetails("Glacier Park Elementary (closed)", null, "23700 SE 280th St", null, "Maple Valley", "WA", "98038"));
        oldAnnex.Retire(now);
        db.ShippingSites.Add(oldAnnex);
        // The platform's sales tax table: Washington's 6.5% state rate (it taxes delivery charges on taxable goods) and Oregon,
        // which has no sales tax. Lakeside is exempt on its certificate; Maple Valley has none on file, so it is taxed.
        db.SalesTaxRates.AddRange(
            SalesTaxRate.Set("WA", 0.065m, taxesShipping: true, today, today, "Demo data", "Washington state rate", now),
            SalesTaxRate.Set("OR", 0m, taxesShipping: false, today, today, "Demo data", "Oregon has no sales tax", now));
        // A catalog a school buyer can shop: Chromebooks with their AUE dates, Windows laptops, iPads and a desktop, each a SKU with specs,
        // grade, battery health and (for the class-set sizes) quantity-price tiers.
        var aue3110 = new DateOnly(2031, 6, 1);
        db.Listings.AddRange(
            Sku("Dell Chromebook 3110 (refurbished)", "11.6\" HD, new battery, charger included. Auto updates until June 2031.", DeviceCategory.Chromebook,
                "Dell", "Chromebook 3110", "Intel Celeron N4500", 4, 32, 11.6m, CosmeticGrade.A, 96, aue3110, 129m, 40, 12, (10, 119m), (50, 109m)),
            Sku("Lenovo 300e Chromebook Gen 3 (refurbished)", "11.6\" touchscreen 2-in-1, rugged keyboard, charger included.", DeviceCategory.Chromebook,
                "Lenovo", "300e Chromebook Gen 3", "AMD 3015Ce", 4, 32, 11.6m, CosmeticGrade.B, 88, new DateOnly(2030, 6, 1), 99m, 25, 12, (10, 92m), null),
            Sku("HP ProBook 440 G8 (refurbished)", "14\" FHD, Windows 11 Pro Education.", DeviceCategory.WindowsLaptop,
                "HP", "ProBook 440 G8", "Intel Core i5-1135G7", 8, 256, 14m, CosmeticGrade.A, 91, null, 289m, 12, 12, null, null),
            Sku(null, "Light wear on the lid; screen and keyboard clean. Charger included.", DeviceCategory.Chromebook,
                "Dell", "Chromebook 3110", "Intel Celeron N4500", 4, 32, 11.6m, CosmeticGrade.B, 87, aue3110, 109m, 18, 6, (10, 102m), null),
            Sku(null, "Touchscreen 2-in-1 with stylus garage; stylus not included.", DeviceCategory.Chromebook,
                "HP", "Chromebook x360 11 G4 EE", "Intel Celeron N4500", 4, 32, 11.6m, CosmeticGrade.A, 94, new DateOnly(2031, 6, 1), 149m, 60, 12, (10, 139m), (50, 129m)),
            Sku(null, "Rugged, spill-resistant keyboard.", DeviceCategory.Chromebook,
                "Acer", "Chromebook 311 C733", "Intel Celeron N4020", 4, 32, 11.6m, CosmeticGrade.C, 83, new DateOnly(2026, 6, 1), 59m, 120, 3, (25, 54m), (100, 49m)),
            Sku(null, "Includes charger; district asset tags removed.", DeviceCategory.Chromebook,
                "Lenovo", "100e Chromebook Gen 3", "Intel Celeron N4500", 4, 32, 11.6m, CosmeticGrade.B, 85, new DateOnly(2031, 6, 1), 94m, 35, 12, null, null),
            Sku(null, "Screen has a small scratch at the corner; fully working.", DeviceCategory.WindowsLaptop,
                "Dell", "Latitude 3420", "Intel Core i5-1145G7", 8, 256, 14m, CosmeticGrade.C, 82, null, 219m, 20, 6, (10, 209m), null),
            Sku(null, "Wi-Fi, case included.", DeviceCategory.Tablet,
                "Apple", "iPad (9th generation)", "Apple A13 Bionic", 3, 64, 10.2m, CosmeticGrade.A, 90, null, 199m, 30, 12, (10, 189m), null),
            Sku(null, "Keyboard and mouse not included.", DeviceCategory.Desktop,
                "HP", "EliteDesk 800 G6 Mini", "Intel Core i5-10500T", 16, 512, 0m, CosmeticGrade.B, null, null, 259m, 15, 12, null, null));
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

        Organization Applied(OrganizationKind kind, string name, string street, string city, string state, string zip, string phone, string ein, string? nces) =>
            Organization.Apply(new OrganizationApplication(kind, name, street, city, state, zip, phone, ein, nces, PrivateSchool: false), now.AddMonths(-8));

        OrganizationDocument W9(Organization organization, string signedBy, DateOnly signed) =>
            Document(organization, new DocumentDetails(DocumentKind.W9, organization.Ein!, signedBy, signed, null), "Form W-9");

        OrganizationDocument Document(Organization organization, DocumentDetails details, string title)
        {
            var file = new DocumentFile($"{title.ToLowerInvariant().Replace(' ', '-')}.pdf", "application/pdf", SpecimenPdf.Render($"{title} - {organization.Name}",
            [
                $"Number: {details.Number}",
                $"Issued by: {details.Issuer}",
                $"Issued on: {details.IssuedOn:MMMM d, yyyy}",
                details.ExpiresOn is { } expires ? $"Expires on: {expires:MMMM d, yyyy}" : "No expiry date",
                $"{organization.Street}, {organization.City}, {organization.State} {organization.PostalCode}",
            ]));
            var document = OrganizationDocument.Upload(organization, details, file, $"{Users.First(u => u.Organization == organization.Name).Name} (demo data)", null, now);
            files.Add(document.FileOf(file));
            return document;
        }

        Listing Sku(string? title, string description, DeviceCategory category, string manufacturer, string model, string cpu, int ram, int storage,
            decimal screen, CosmeticGrade grade, int? battery, DateOnly? aue, decimal price, int quantity, int warrantyMonths, (int, decimal)? tier1, (int, decimal)? tier2)
        {
            var details = new ListingDetails(title, description, category, manufacturer, model, cpu, ram, storage, screen, grade, FunctionalStatus.Working, battery,
                aue, price, quantity, warrantyMonths, tier1?.Item1, tier1?.Item2, tier2?.Item1, tier2?.Item2);
            var listing = new Listing { Title = details.TitleOrDefault, SellerId = refurbisher.Id, CreatedAt = now };
            details.ApplyTo(listing);
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
        await CertificateChainBackfill.RunAsync(db, cancellationToken);
        await LedgerTotals.BackfillAsync(db, cancellationToken);
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
