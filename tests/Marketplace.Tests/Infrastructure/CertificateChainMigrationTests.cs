using Marketplace.Web.Data;
using Marketplace.Web.Domain.Fulfillment;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Tests.Infrastructure;

/// <summary>A database with certificates issued before the chain: they are numbered in issue order and linked by their hashes at start-up.</summary>
public sealed class CertificateChainMigrationTests : IAsyncLifetime
{
    private const string Before = "20261206154507_PickupWindowsHandOverAndCustody";

    private readonly string _path = Path.Combine(Path.GetTempPath(), "marketplace-tests", $"migration-{Guid.NewGuid():N}.db");
    private readonly Guid _older = Guid.NewGuid(), _newer = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using var db = Open();
        await db.GetService<IMigrator>().MigrateAsync(Before);
        // The certificates alone: their lots do not matter to the numbering, so the foreign keys are set aside for the insert.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Certificates (Id, LotId, VerificationCode, IssuedAt, DeviceCount, Pdf) VALUES
                (@p0, @p2, 'NEWER00001', '2026-11-20 10:00:00+00:00', 3, X'255044462D6E65776572'),
                (@p1, @p3, 'OLDER00001', '2026-10-01 09:00:00+00:00', 5, X'255044462D6F6C646572')
            """,
            new SqliteParameter("@p0", _newer.ToString().ToUpperInvariant()), new SqliteParameter("@p1", _older.ToString().ToUpperInvariant()),
            new SqliteParameter("@p2", Guid.NewGuid().ToString().ToUpperInvariant()), new SqliteParameter("@p3", Guid.NewGuid().ToString().ToUpperInvariant()));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Earlier_certificates_are_numbered_in_issue_order_and_linked_by_their_hashes()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
        await CertificateChainBackfill.RunAsync(db, CancellationToken.None);
        await CertificateChainBackfill.RunAsync(db, CancellationToken.None); // at every start-up: nothing left to fill the second time

        var certificates = await db.Certificates.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync();
        Assert.Equal([(_older, 1L), (_newer, 2L)], certificates.Select(c => (c.Id, c.Sequence)));
        Assert.Equal(Certificate.HashOf("%PDF-older"u8.ToArray()), certificates[0].Sha256);
        Assert.Null(certificates[0].PreviousSha256);
        Assert.Equal(certificates[0].Sha256, certificates[1].PreviousSha256);

        var chain = new CertificateChain();
        Assert.All(certificates, c => Assert.True(chain.Add(new CertificateLink(c.Sequence, c.VerificationCode, "LOT", c.Sha256, c.PreviousSha256, Certificate.HashOf(c.Pdf)))));
    }

    private SqliteMarketplaceDb Open() =>
        new(new DbContextOptionsBuilder<SqliteMarketplaceDb>().UseSqlite($"Data Source={_path}").Options);
}
