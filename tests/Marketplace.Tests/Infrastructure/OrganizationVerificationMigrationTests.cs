using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// A database from before organizations had a standing and documents: a verified organization is Verified, and a
/// certification recorded on the organization becomes an approved document (pending if it was not verified).
/// </summary>
public sealed class OrganizationVerificationMigrationTests : IAsyncLifetime
{
    private const string Before = "20261206070615_ReadAssetSystemColumns";

    private readonly string _path = Path.Combine(Path.GetTempPath(), "marketplace-tests", $"migration-{Guid.NewGuid():N}.db");
    private readonly Guid _district = Guid.NewGuid(), _certified = Guid.NewGuid(), _unverified = Guid.NewGuid(), _noExpiry = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using var db = Open();
        await db.GetService<IMigrator>().MigrateAsync(Before);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Organizations (Id, Name, Kind, City, State, IsVerified, Certification, CertificationNumber, CertificationExpires) VALUES
                (@p0, 'Maple Valley SD', 'District', 'Maple Valley', 'WA', 1, 'None', NULL, NULL),
                (@p1, 'GreenCycle ITAD', 'Refurbisher', 'Tacoma', 'WA', 1, 'R2v3', 'R2V3-2025-0417', '2027-06-30'),
                (@p2, 'Harbor Renewal', 'Refurbisher', 'Olympia', 'WA', 0, 'EStewards', 'ES-2026-0912', '2027-01-15'),
                (@p3, 'Old Paper Shredders', 'Refurbisher', NULL, NULL, 1, 'NaidAaa', 'NAID-1', NULL)
            """,
            new SqliteParameter("@p0", _district.ToString().ToUpperInvariant()), new SqliteParameter("@p1", _certified.ToString().ToUpperInvariant()),
            new SqliteParameter("@p2", _unverified.ToString().ToUpperInvariant()), new SqliteParameter("@p3", _noExpiry.ToString().ToUpperInvariant()));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Verified_organizations_stay_verified_and_their_certifications_become_documents()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();

        var organizations = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id);
        Assert.Equal(OrganizationStatus.Verified, organizations[_district].Status);
        Assert.Equal(OrganizationStatus.Verified, organizations[_certified].Status);
        Assert.Equal(OrganizationStatus.Applied, organizations[_unverified].Status);
        Assert.All(organizations.Values, o => Assert.Equal((0, false), (o.Version, o.IsPrivateSchool)));

        var documents = await db.OrganizationDocuments.AsNoTracking().ToListAsync();
        Assert.Equal(2, documents.Count);
        var r2 = documents.Single(d => d.OrganizationId == _certified);
        Assert.Equal((DocumentKind.R2v3, "R2V3-2025-0417", new DateOnly(2024, 6, 30), new DateOnly(2027, 6, 30), DocumentStatus.Approved, (string?)null),
            (r2.Kind, r2.Number, r2.IssuedOn, r2.ExpiresOn, r2.Status, r2.FileName));
        Assert.InRange(r2.UploadedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.NotNull(r2.ReviewedAt);
        var es = documents.Single(d => d.OrganizationId == _unverified);
        Assert.Equal((DocumentKind.EStewards, DocumentStatus.Pending, (DateTimeOffset?)null), (es.Kind, es.Status, es.ReviewedAt));

        // The carried-over certification is what the pages show; trading now also needs the W-9 verified organizations upload.
        var rights = OrganizationRights.Of(organizations[_certified], documents, new DateOnly(2026, 12, 6));
        Assert.Equal(DocumentKind.R2v3, rights.Certification?.Kind);
        Assert.Contains("upload your W-9", rights.WhyNot("quote"));
    }

    private SqliteMarketplaceDb Open() =>
        new(new DbContextOptionsBuilder<SqliteMarketplaceDb>().UseSqlite($"Data Source={_path}").Options);
}
