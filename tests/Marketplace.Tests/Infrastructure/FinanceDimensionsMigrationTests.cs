using Marketplace.Web.Data;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketplace.Tests.Infrastructure;

/// <summary>A ledger posted before lines carried their dimensions: the migration fills them as new postings write them.</summary>
public sealed class FinanceDimensionsMigrationTests : IAsyncLifetime
{
    private const string Before = "20261206180310_ReceivingReconciliation";

    private static readonly DateTimeOffset SoldAt = new(2026, 9, 30, 23, 30, 0, TimeSpan.Zero);

    private readonly string _path = Path.Combine(Path.GetTempPath(), "marketplace-tests", $"migration-{Guid.NewGuid():N}.db");
    private readonly Guid _buyer = Guid.NewGuid(), _district = Guid.NewGuid(), _lot = Guid.NewGuid(), _sale = Guid.NewGuid(), _payout = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using var db = Open();
        await db.GetService<IMigrator>().MigrateAsync(Before);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;");
        var at = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(SoldAt)!;
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO LedgerTransactions (Id, IdempotencyKey, Source, Description, LotId, OccurredAt, Currency) VALUES
                (@sale, 'lot-sale:old', 'LotSale', 'Lot sold before dimensions', @lot, @at, 'USD'),
                (@payout, 'payout-released:old', 'DistrictPayoutReleased', 'Payout approved before dimensions', @lot, @at, 'USD');
            INSERT INTO LedgerEntries (Id, TransactionId, Account, Debit, Credit, OrganizationId) VALUES
                (lower(hex(randomblob(16))), @sale, 'BuyerReceivable', 11000000, 0, @buyer),
                (lower(hex(randomblob(16))), @sale, 'DistrictPayable', 0, 10000000, @district),
                (lower(hex(randomblob(16))), @sale, 'PlatformFeeRevenue', 0, 1000000, NULL),
                (lower(hex(randomblob(16))), @payout, 'DistrictPayable', 10000000, 0, @district),
                (lower(hex(randomblob(16))), @payout, 'PayoutsInTransit', 0, 10000000, @district);
            """,
            Parameter("@sale", _sale), Parameter("@payout", _payout), Parameter("@lot", _lot), Parameter("@buyer", _buyer), Parameter("@district", _district),
            new SqliteParameter("@at", at));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Earlier_lines_get_their_month_time_counterparty_and_funding_on_the_sale_value_lines_only()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();

        var lines = await db.LedgerEntries.AsNoTracking().ToListAsync();
        Assert.All(lines, l => Assert.Equal(202609, l.Period));
        Assert.All(lines, l => Assert.Equal(SoldAt, l.OccurredAt));
        Assert.All(lines.Where(l => l.TransactionId == _sale), l => Assert.Equal(_buyer, l.CounterpartyId));
        Assert.All(lines.Where(l => l.TransactionId == _payout), l => Assert.Equal(_district, l.CounterpartyId));
        // The lot's devices are unknown here: its sale value is unattributed rather than guessed; a payout is never sale value.
        Assert.Equal([LedgerAccount.DistrictPayable, LedgerAccount.PlatformFeeRevenue],
            lines.Where(l => l.FundingSource == FundingSource.Unknown).Select(l => l.Account).Order());
        Assert.Equal(3, lines.Count(l => l.FundingSource is null));
    }

    private static SqliteParameter Parameter(string name, Guid id) => new(name, id.ToString().ToUpperInvariant());

    private SqliteMarketplaceDb Open() =>
        new(new DbContextOptionsBuilder<SqliteMarketplaceDb>().UseSqlite($"Data Source={_path}").Options);
}
