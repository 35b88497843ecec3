using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure.Pipeline;

public sealed class TransactionBehaviorTests : IAsyncLifetime
{
    private static readonly string EmailType = typeof(SendEmail.Letters).FullName!;
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_commands_changes_and_the_outbox_rows_it_wrote_are_committed_together()
    {
        var lotId = await _factory.SendAsAsync("district@demo.k12", new CreateLot.Command("Grade 5 Chromebooks", null, "100 Main St"));
        await _factory.SendAsAsync("district@demo.k12", new AddDevice.Command(lotId, "5CD0417ABC", "MV-001", DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, FunctionalStatus.Working));
        await _factory.SendAsAsync("district@demo.k12", new SubmitLot.Command(lotId));

        await _factory.SendAsAsync("refurbisher@demo.k12", new SubmitQuote.Command(lotId, 1200m, "Includes chargers"));

        await _factory.WithDbAsync(async db =>
        {
            var lot = await db.Lots.SingleAsync(l => l.Id == lotId);
            var sale = await db.Sales.Include(s => s.Quotes).SingleAsync(s => s.LotId == lotId);
            Assert.Equal(ListingStatus.Listed, lot.Status);
            Assert.Equal(1200m, Assert.Single(sale.Quotes).Amount);
            var notices = await db.OutboxMessages.Where(m => m.Type == EmailType).Select(m => m.Payload).ToListAsync();
            Assert.Contains(notices, p => p.Contains($"New quote on lot {lot.Number}"));
        });
    }

    [Fact]
    public async Task When_the_handler_fails_nothing_it_changed_is_saved_not_even_changes_it_flushed_early()
    {
        var title = $"Rolled back {Guid.NewGuid():N}";
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<MarketplaceDb>();
            var outbox = services.GetRequiredService<Outbox>();
            var district = await db.Organizations.SingleAsync(o => o.Name == DemoLots.District);
            var behavior = new TransactionBehavior<CreateLot.Command, Guid>(db, services.GetRequiredService<OutboxScope>(), services.GetRequiredService<IClock>(), services.GetRequiredService<OutboxSignal>(), services.GetRequiredService<SqliteWriteGate>());

            await Assert.ThrowsAsync<DomainException>(async () => await behavior.Handle(new CreateLot.Command(title, null, null), async (_, ct) =>
            {
                db.Lots.Add(new Lot { Number = ReferenceNumber.New("LOT"), DistrictId = district.Id, Title = title, CreatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync(ct);
                outbox.Enqueue(new SendEmail.Command(district.Id, title, "This notice belongs to a change that never happened."));
                throw new DomainException("Refused after making changes.");
            }, CancellationToken.None));
        }

        await _factory.WithDbAsync(async db =>
        {
            Assert.False(await db.Lots.AnyAsync(l => l.Title == title));
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Payload.Contains(title)));
        });
    }

    [Fact]
    public async Task A_command_that_cannot_be_committed_leaves_neither_its_changes_nor_its_outbox_rows()
    {
        var lot = await _factory.SaveCertifiedAsync(hammer: 1200m);
        await _factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(lot.Id));
        var payout = await _factory.WithDbAsync(db => db.Payouts.SingleAsync(p => p.LotId == lot.Id));
        await _factory.SendAsAsync("finance@demo.k12", new ApprovePayout.Command(payout.Id));
        await _factory.WithDbAsync(async db =>
        {
            db.LedgerTransactions.Add(LedgerTransaction.Post($"payout-sent:{payout.Id}", LedgerSource.DistrictPayoutSent, "Posted by hand earlier", DateTimeOffset.UtcNow,
                [LedgerLine.Dr(LedgerAccount.PayoutsInTransit, 1m, lot.Lot.DistrictId), LedgerLine.Cr(LedgerAccount.Cash, 1m)], lotId: lot.Id));
            await db.SaveChangesAsync();
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => _factory.SendAsAsync("finance@demo.k12", new ConfirmPayout.Command(payout.Id, "ACH-TRACE-1")));

        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(PayoutStatus.InTransit, (await db.Payouts.SingleAsync(p => p.Id == payout.Id)).Status);
            Assert.Equal(SettlementStatus.PayoutPending, (await db.LotSettlements.SingleAsync(s => s.LotId == lot.Id)).Status);
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Payload.Contains($"for lot {lot.Lot.Number} sent")));
        });
    }

    [Fact]
    public async Task A_writer_leaving_its_turn_steps_aside_only_while_another_writer_waits()
    {
        var gate = new SqliteWriteGate();
        Assert.True(gate.HandOverAsync().IsCompletedSuccessfully);

        var first = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, gate.Waiting);
        // The rest of a writer's work yields (to the thread pool, or here to a context that holds it until it is run), so
        // this thread can run the waiting writer's turn. A context that only queues makes the yield observable: on the
        // thread pool another worker may finish it before the check.
        var held = new HeldContinuations();
        ValueTask handOver;
        var outer = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(held);
        try
        {
            handOver = gate.HandOverAsync();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(outer);
        }

        Assert.False(handOver.IsCompleted);
        Assert.Equal(1, held.Count);
        held.RunAll();
        Assert.True(handOver.IsCompletedSuccessfully);

        first!.Dispose();
        using (await second)
        {
            Assert.Equal(0, gate.Waiting);
        }

        Assert.True(gate.HandOverAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Commands_write_on_one_connection_whose_cache_outlives_them_and_read_on_their_own()
    {
        var inside = new List<(object? Handle, string ConnectionString)>();
        var after = new List<string>();
        var own = new List<object?>();
        for (var i = 0; i < 2; i++)
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<MarketplaceDb>();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var connectionString = connection.ConnectionString;
            // Opened before the turn, as ActingOrganization leaves it: the turn still moves the transaction.
            await db.Database.OpenConnectionAsync();
            own.Add(connection.Handle);
            var behavior = new TransactionBehavior<CreateLot.Command, Guid>(db, services.GetRequiredService<OutboxScope>(), services.GetRequiredService<IClock>(), services.GetRequiredService<OutboxSignal>(), services.GetRequiredService<SqliteWriteGate>());
            await behavior.Handle(new CreateLot.Command("Writers' connection", null, null), (_, _) =>
            {
                inside.Add((connection.Handle, connection.ConnectionString));
                return ValueTask.FromResult(Guid.Empty);
            }, CancellationToken.None);

            Assert.Equal(connectionString, connection.ConnectionString);
            after.Add(connection.ConnectionString);
            // The read after it opens the shared pool again (and, opened explicitly before, stays open until the scope ends).
            await db.Lots.CountAsync();
            own.Add(connection.Handle);
        }

        // Both transactions ran on the same native connection, which neither command's own reads used.
        Assert.NotNull(inside[0].Handle);
        Assert.Same(inside[0].Handle, inside[1].Handle);
        Assert.All(own, handle => Assert.NotNull(handle));
        Assert.DoesNotContain(inside[0].Handle, own);
        Assert.All(inside, i => Assert.Equal(SqliteWriterConnection.For(after[0]), i.ConnectionString));
        Assert.NotEqual(after[0], inside[0].ConnectionString);
    }

    [Fact]
    public async Task A_write_outside_commands_takes_the_writers_connection_for_its_turn_and_gives_it_back_when_it_fails()
    {
        var gate = _factory.Services.GetRequiredService<SqliteWriteGate>();
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var connection = db.Database.GetDbConnection();
        var own = connection.ConnectionString;

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using (await gate.EnterAsync(db, CancellationToken.None))
            {
                Assert.Equal(SqliteWriterConnection.For(own), connection.ConnectionString);
                await db.OutboxMessages.Where(m => m.Id == Guid.Empty).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, 1));
                throw new InvalidOperationException("Failed in turn.");
            }
        });

        Assert.Equal(own, connection.ConnectionString);
        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.Equal(0, gate.Waiting);
        // The turn was given back: the next writer gets one at once.
        using var next = await gate.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(next);
    }

    [Fact]
    public void The_writers_connection_string_names_the_same_database_and_settings_and_a_pool_of_its_own()
    {
        const string Configured = "Data Source=/srv/marketplace/marketplace.db;Pooling=True;";
        var writers = SqliteWriterConnection.For(Configured);
        Assert.NotEqual(Configured, writers);
        var (a, b) = (new SqliteConnectionStringBuilder(Configured), new SqliteConnectionStringBuilder(writers));
        Assert.Equal(a.DataSource, b.DataSource);
        Assert.Equal(a.Pooling, b.Pooling);
        Assert.Equal(a.DefaultTimeout, b.DefaultTimeout);
        Assert.Equal(a.Cache, b.Cache);
        Assert.Equal(a.Mode, b.Mode);
    }

    /// <summary>A synchronization context that keeps what is posted to it until the test runs it.</summary>
    private sealed class HeldContinuations : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _posted = new();

        public int Count => _posted.Count;

        public override void Post(SendOrPostCallback d, object? state) => _posted.Enqueue((d, state));

        public void RunAll()
        {
            while (_posted.TryDequeue(out var next))
            {
                next.Callback(next.State);
            }
        }
    }
}
