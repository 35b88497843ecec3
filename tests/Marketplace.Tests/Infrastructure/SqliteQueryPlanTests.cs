using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// The plans SQLite chooses for queries that run on every command or job, asked of SQLite itself. The app never runs
/// ANALYZE, so SQLite plans from the schema alone: given two indexed equalities it may take the one that walks a whole
/// table (every district-payable line, every sale of a buyer, the outbox's backlog), which a small test database never
/// shows as slow and a season of lots does. Each test fails on the query or index it replaced.
/// </summary>
public sealed class SqliteQueryPlanTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_outbox_claim_finds_its_rows_by_id_not_by_walking_the_pending_backlog()
    {
        var plan = await _factory.WithDbAsync(db => PlanAsync(db, OutboxDispatcher.Claimable(db, [Guid.NewGuid(), Guid.NewGuid()], DateTimeOffset.UtcNow)));

        Assert.EndsWith("USING INDEX sqlite_autoindex_OutboxMessages_1 (Id=?)", Assert.Single(plan));
    }

    [Fact]
    public async Task The_dispatcher_reads_due_rows_in_order_from_the_pending_rows_index_without_sorting()
    {
        var plan = await _factory.WithDbAsync(db => PlanAsync(db, OutboxDispatcher.DueRows(db, DateTimeOffset.UtcNow, 50)));

        Assert.EndsWith("USING INDEX IX_OutboxMessages_Pending (DueAt<?)", Assert.Single(plan));
    }

    [Fact]
    public async Task A_lots_district_payable_is_summed_from_the_lots_own_transactions()
    {
        var plan = await _factory.WithDbAsync(db => PlanAsync(db, LedgerQueries.DistrictPayableLinesOfLot(db, Guid.NewGuid())));

        Assert.Equal(2, plan.Count(step => step.StartsWith("SEARCH", StringComparison.Ordinal)));
        Assert.EndsWith("USING INDEX IX_LedgerTransactions_LotId (LotId=?)", plan[0]);
        Assert.EndsWith("USING INDEX IX_LedgerEntries_TransactionId (TransactionId=?)", plan[1]);
        Assert.DoesNotContain(plan, step => step.Contains("IX_LedgerEntries_Account", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Whether_a_buyer_won_a_lot_is_asked_of_the_lots_sales_not_of_every_sale_the_buyer_won()
    {
        var buyer = new TestUser(Roles.RefurbisherBuyer);

        var plan = await _factory.WithDbAsync(db => PlanAsync(db, db.SalesOfLotBoughtBy(buyer, Guid.NewGuid())));

        Assert.EndsWith("USING INDEX IX_Sales_LotId (LotId=?)", Assert.Single(plan));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_scan_reads_its_counts_and_duplicate_check_each_from_its_own_filtered_index(bool matchedADevice)
    {
        var plan = await _factory.WithDbAsync(db => PlanAsync(db, matchedADevice
            ? ScannedDevice.DeviceStateQuery.Compile()(db, Guid.NewGuid(), ScanStage.Receiving, Guid.NewGuid())
            : ScannedDevice.UnknownValueStateQuery.Compile()(db, Guid.NewGuid(), ScanStage.Receiving, "5CD1234XYZ")));

        Assert.Contains(plan, step => step.EndsWith("USING INDEX IX_LotFulfillments_LotId (LotId=?)", StringComparison.Ordinal));
        var scans = plan.Where(step => step.Contains("DeviceScans", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, scans.Count);
        // The two counts, then the duplicate check: a device by its id, an unknown value by its value.
        Assert.EndsWith("USING INDEX IX_DeviceScans_LotId_Stage_DeviceId (LotId=? AND Stage=? AND DeviceId>?)", scans[0]);
        Assert.EndsWith("USING INDEX IX_DeviceScans_LotId_Stage_Value (LotId=? AND Stage=?)", scans[1]);
        Assert.EndsWith(matchedADevice
            ? "USING INDEX IX_DeviceScans_LotId_Stage_DeviceId (LotId=? AND Stage=? AND DeviceId=?)"
            : "USING INDEX IX_DeviceScans_LotId_Stage_Value (LotId=? AND Stage=? AND Value=?)", scans[2]);
    }

    /// <summary>The steps of SQLite's plan for the query's SQL, parameters left unbound (a plan does not depend on their values).</summary>
    private static async Task<List<string>> PlanAsync<T>(MarketplaceDb db, IQueryable<T> query)
    {
        var sql = string.Join('\n', query.ToQueryString().Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        await db.Database.OpenConnectionAsync();
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle;
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(handle, "EXPLAIN QUERY PLAN " + sql, out var statement));
        using (statement)
        {
            var steps = new List<string>();
            while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
            {
                steps.Add(raw.sqlite3_column_text(statement, 3).utf8_to_string());
            }

            return steps;
        }
    }
}
