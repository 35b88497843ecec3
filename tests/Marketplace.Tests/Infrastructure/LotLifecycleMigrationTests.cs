using Marketplace.Web.Data;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// A database written by the first release (one lot object carrying sale, pickup, sanitization and payout)
/// keeps every lot's story through the reshape into sale, fulfillment, settlement and sanitization records.
/// </summary>
public sealed class LotLifecycleMigrationTests : IAsyncLifetime
{
    private const string Initial = "20261122220706_Initial";
    private static readonly DateTimeOffset At = new(2026, 11, 20, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffsetToBinaryConverter Time = new();

    private readonly string _path = Path.Combine(Path.GetTempPath(), "marketplace-tests", $"migration-{Guid.NewGuid():N}.db");
    private readonly Guid _district = Guid.NewGuid(), _buyer = Guid.NewGuid();
    private readonly Guid _draft = Guid.NewGuid(), _listed = Guid.NewGuid(), _awarded = Guid.NewGuid(), _settled = Guid.NewGuid(), _inTransit = Guid.NewGuid();
    private readonly Guid _acceptedQuote = Guid.NewGuid(), _openQuote = Guid.NewGuid(), _sentPayout = Guid.NewGuid(), _heldPayout = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using var db = Open();
        await db.GetService<IMigrator>().MigrateAsync(Initial);
        await ExecAsync(db, "INSERT INTO Organizations (Id, Name, Kind, IsVerified, Certification) VALUES (@p0, 'Maple Valley SD', 'District', 1, 'None'), (@p1, 'GreenCycle ITAD', 'Refurbisher', 1, 'R2v3')", _district, _buyer);

        await LotAsync(db, _draft, "Draft", listed: false);
        await DeviceAsync(db, _draft, "DRAFT-1", sanitized: false);
        await LotAsync(db, _listed, "Listed");
        await DeviceAsync(db, _listed, "LISTED-1", sanitized: false);
        await ExecAsync(db, "INSERT INTO Quotes (Id, LotId, RefurbisherId, Amount, SubmittedAt, ValidUntil, Status) VALUES (@p0, @p1, @p2, 9000000, @p3, @p4, 'Active')",
            _openQuote, _listed, _buyer, Time.ConvertToProvider(At), Time.ConvertToProvider(At.AddDays(30)));
        await LotAsync(db, _awarded, "Awarded", hammer: 1200m);
        await ExecAsync(db, "INSERT INTO Quotes (Id, LotId, RefurbisherId, Amount, SubmittedAt, ValidUntil, Status) VALUES (@p0, @p1, @p2, 12000000, @p3, @p4, 'Accepted')",
            _acceptedQuote, _awarded, _buyer, Time.ConvertToProvider(At), Time.ConvertToProvider(At.AddDays(30)));
        foreach (var (lot, payout, status) in new[] { (_settled, _sentPayout, "Sent"), (_inTransit, _heldPayout, "AwaitingRelease") })
        {
            await LotAsync(db, lot, "Settled", hammer: 1000m, through: true);
            await DeviceAsync(db, lot, $"{status}-1", sanitized: true);
            await DeviceAsync(db, lot, $"{status}-2", sanitized: true);
            await ExecAsync(db, "INSERT INTO Payouts (Id, LotId, OrganizationId, Amount, Currency, Method, Status, RecordedAt, SentAt, Reference) VALUES (@p0, @p1, @p2, 10000000, 'USD', 'Ach', @p3, @p4, @p5, @p6)",
                payout, lot, _district, status, Time.ConvertToProvider(At), status == "Sent" ? Time.ConvertToProvider(At.AddDays(1)) : null, status == "Sent" ? "ACH-1" : null);
            await LedgerAsync(db, $"lot-sale:{lot}", "LotSale", lot, ("BuyerReceivable", 1100m, 0m, _buyer), ("DistrictPayable", 0m, 1000m, _district), ("PlatformFeeRevenue", 0m, 100m, null));
            await LedgerAsync(db, $"payout:{lot}", "DistrictPayout", lot, ("DistrictPayable", 1000m, 0m, _district), ("Cash", 0m, 1000m, null));
        }
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Every_lot_keeps_its_stage_quotes_award_terms_pickup_sanitization_and_payout()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();

        var stages = await db.Lots.AsNoTracking().WithProgress(db).ToDictionaryAsync(x => x.Lot.Id, x => x.Progress.Stage);
        Assert.Equal(LotStage.Draft, stages[_draft]);
        Assert.Equal(LotStage.Listed, stages[_listed]);
        Assert.Equal(LotStage.Awarded, stages[_awarded]);
        Assert.Equal(LotStage.Settled, stages[_settled]);
        Assert.Equal(LotStage.Certified, stages[_inTransit]);

        Assert.False(await db.Sales.AnyAsync(s => s.LotId == _draft));
        var listed = await db.Sales.Include(s => s.Quotes).SingleAsync(s => s.LotId == _listed);
        Assert.Equal((SaleStatus.Open, true, _openQuote, 900m), (listed.Status, listed.HoldsDataBearingDevices, Assert.Single(listed.Quotes).Id, listed.Quotes[0].Amount));
        var awarded = await db.Sales.Include(s => s.Quotes).SingleAsync(s => s.LotId == _awarded);
        Assert.Equal((SaleStatus.Awarded, _buyer, _acceptedQuote), (awarded.Status, awarded.BuyerId, awarded.AwardedQuoteId));
        Assert.Equal(new SettlementTerms(1200m, 0.10m, 0m, 120m, 0m), awarded.Terms);
        Assert.Equal(SettlementStatus.AwaitingPayment, (await db.LotSettlements.SingleAsync(s => s.LotId == _awarded)).Status);

        var fulfillment = await db.LotFulfillments.SingleAsync(f => f.LotId == _settled);
        Assert.Equal((2, 2, "8:00–10:00 am", At), (fulfillment.DeviceCount, fulfillment.SanitizedCount, fulfillment.PickupWindow, fulfillment.CertifiedAt));
        // Paid before removal deadlines were stored: two calendar weeks after payment.
        Assert.Equal((new DateOnly(2026, 12, 4), 0), (fulfillment.RemovalDueOn, fulfillment.PickupRevision));
        var records = await db.SanitizationRecords.Where(r => r.LotId == _settled).OrderBy(r => r.RecordedAt).ToListAsync();
        Assert.Equal(2, records.Count);
        // Per-medium records came later: each old record became the device's "LEGACY-1" medium, performed by its technician,
        // accepted since the lot was certified.
        Assert.All(records, r => Assert.Equal((1, (SanitizationMethod?)SanitizationMethod.Purge, "Blancco Drive Eraser 7", "Priya Natarajan", "LEGACY-1", RecordStatus.Accepted),
            (r.Attempt, r.Method, r.Tool, r.Performer.Name, r.MediumSerial, r.Status)));
        Assert.Equal((2, 2), (fulfillment.MediaRecorded, fulfillment.MediaAccepted));

        var sent = await db.Payouts.SingleAsync(p => p.Id == _sentPayout);
        var held = await db.Payouts.SingleAsync(p => p.Id == _heldPayout);
        Assert.Equal((PayoutStatus.Sent, _district), (sent.Status, sent.PayeeId));
        Assert.Equal(PayoutStatus.InTransit, held.Status);
        Assert.Equal((SettlementStatus.Settled, SettlementStatus.PayoutPending),
            ((await db.LotSettlements.SingleAsync(s => s.LotId == _settled)).Status, (await db.LotSettlements.SingleAsync(s => s.LotId == _inTransit)).Status));

        // The unconfirmed payout was posted as cash out; it is now in transit, to be confirmed by finance like any other.
        var heldPosting = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.LotId == _inTransit && t.Source != LedgerSource.LotSale);
        Assert.Equal((LedgerSource.DistrictPayoutReleased, $"payout-released:{_heldPayout}"), (heldPosting.Source, heldPosting.IdempotencyKey));
        Assert.Contains(heldPosting.Entries, e => e is { Account: LedgerAccount.PayoutsInTransit, Credit: 1000m } && e.OrganizationId == _district);
        var sentPosting = await db.LedgerTransactions.SingleAsync(t => t.LotId == _settled && t.Source != LedgerSource.LotSale);
        Assert.Equal((LedgerSource.DistrictPayoutSent, $"payout-sent:{_sentPayout}"), (sentPosting.Source, sentPosting.IdempotencyKey));
        Assert.Equal(1000m, await db.PaidOutToAsync(_district, CancellationToken.None));
        Assert.Equal(1000m, await db.BalanceForAsync(LedgerAccount.PayoutsInTransit, _district, CancellationToken.None));
        Assert.Equal(0m, (await db.DistrictPayableForLotAsync(_inTransit, "USD", CancellationToken.None)).Amount);
        var entries = await db.LedgerEntries.ToListAsync();
        Assert.All(entries.GroupBy(e => e.TransactionId), t => Assert.Equal(t.Sum(e => e.Debit), t.Sum(e => e.Credit)));

        var manifests = await db.Lots.AsNoTracking().ToDictionaryAsync(l => l.Id, l => (l.Manifest.Devices, l.Manifest.ValuedAt));
        Assert.Equal((2, (DateTimeOffset?)null), manifests[_settled]);
        Assert.Equal(ListingStatus.Listed, (await db.Lots.SingleAsync(l => l.Id == _settled)).Status);
    }

    private SqliteMarketplaceDb Open() =>
        new(new DbContextOptionsBuilder<SqliteMarketplaceDb>().UseSqlite($"Data Source={_path}").Options);

    private Task LotAsync(SqliteMarketplaceDb db, Guid id, string status, bool listed = true, decimal? hammer = null, bool through = false) =>
        ExecAsync(db, """
            INSERT INTO Lots (Id, Number, DistrictId, Title, SaleMode, Currency, Status, CreatedAt, ListedAt, BuyerId, AwardedQuoteId, HammerPrice, AwardedAt,
                PaidAt, PickupDate, PickupWindow, PickupContact, PickedUpAt, ReceivedAt, CertifiedAt, SettledAt, Version)
            VALUES (@p0, @p1, @p2, 'Spring refresh', 'RequestForQuotes', 'USD', @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p10, @p10, @p10, @p10, 3)
            """,
            id, $"LOT-{id.ToString()[..6].ToUpperInvariant()}", _district, status, Time.ConvertToProvider(At), listed ? Time.ConvertToProvider(At) : null,
            hammer is null ? null : _buyer, hammer is null ? null : id == _awarded ? _acceptedQuote : Guid.NewGuid(), hammer is null ? null : (long)(hammer.Value * 10_000),
            hammer is null ? null : Time.ConvertToProvider(At), through ? Time.ConvertToProvider(At) : null, through ? "2026-11-20" : null,
            through ? "8:00–10:00 am" : null, through ? "Dana, 555-0100" : null);

    private static Task DeviceAsync(SqliteMarketplaceDb db, Guid lot, string serial, bool sanitized) =>
        ExecAsync(db, """
            INSERT INTO Devices (Id, LotId, Serial, Category, Model, Grade, Functional, FundingSource, Enrollment, DeclaredSanitization, SanitizationMethod, SanitizationTool, SanitizedAt, SanitizedBy)
            VALUES (@p0, @p1, @p2, 'Chromebook', 'Chromebook 3100', 'B', 'Working', 'Local', 'Unknown', 'Unknown', @p3, @p4, @p5, @p6)
            """,
            Guid.NewGuid(), lot, serial, sanitized ? "Purge" : null, sanitized ? "Blancco Drive Eraser 7" : null, sanitized ? Time.ConvertToProvider(At) : null, sanitized ? "Priya Natarajan" : null);

    private static async Task LedgerAsync(SqliteMarketplaceDb db, string key, string source, Guid lot, params (string Account, decimal Debit, decimal Credit, Guid? Organization)[] lines)
    {
        var transaction = Guid.NewGuid();
        await ExecAsync(db, "INSERT INTO LedgerTransactions (Id, IdempotencyKey, Source, Description, LotId, OccurredAt, Currency) VALUES (@p0, @p1, @p2, @p1, @p3, @p4, 'USD')",
            transaction, key, source, lot, Time.ConvertToProvider(At));
        foreach (var (account, debit, credit, organization) in lines)
        {
            await ExecAsync(db, "INSERT INTO LedgerEntries (Id, TransactionId, Account, Debit, Credit, OrganizationId) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
                Guid.NewGuid(), transaction, account, (long)(debit * 10_000), (long)(credit * 10_000), organization);
        }
    }

    /// <summary>Raw SQL against the first release's schema, with values stored the way EF Core's SQLite provider stores them.</summary>
    private static Task ExecAsync(SqliteMarketplaceDb db, string sql, params object?[] values) =>
        db.Database.ExecuteSqlRawAsync(sql, values.Select((v, i) => new SqliteParameter($"@p{i}", v switch
        {
            null => DBNull.Value,
            Guid g => g.ToString().ToUpperInvariant(),
            _ => v,
        })).ToArray());
}
