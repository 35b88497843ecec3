using Marketplace.Web.Data;
using Marketplace.Web.Data.Interceptors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure;

public sealed class SqliteReadsDuringWritesTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_page_reads_the_last_committed_data_while_a_background_job_holds_a_write_transaction()
    {
        await using var writerScope = _factory.Services.CreateAsyncScope();
        var writer = writerScope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var before = await writer.Organizations.CountAsync();
        await using var transaction = await writer.Database.BeginTransactionAsync();
        await writer.Database.ExecuteSqlRawAsync("UPDATE \"Organizations\" SET \"City\" = 'Being edited' WHERE \"Kind\" = 'District'");

        // With a shared cache the reader would be locked out of the table until the writer commits (up to the
        // 30-second busy timeout); with WAL and private caches it reads its own snapshot at once.
        var (count, cities) = await _factory.WithDbAsync(async reader =>
            (await reader.Organizations.CountAsync(), await reader.Organizations.Where(o => o.City == "Being edited").CountAsync()));

        Assert.Equal((before, 0), (count, cities));
        await transaction.RollbackAsync();
    }
}

public sealed class SqlitePragmaTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Every_connection_commits_with_synchronous_NORMAL_also_when_the_pool_hands_it_out_again()
    {
        // Set once per native connection: a pooled connection opened again keeps it, a new one gets it.
        var answers = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await _factory.WithDbAsync(async db => (await db.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync()).Single()));
        }

        await using var first = _factory.Services.CreateAsyncScope();
        await using var second = _factory.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var b = second.ServiceProvider.GetRequiredService<MarketplaceDb>();
        await a.Database.OpenConnectionAsync();
        await b.Database.OpenConnectionAsync();
        answers.Add((await a.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync()).Single());
        answers.Add((await b.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync()).Single());

        Assert.All(answers, answer => Assert.Equal(1, answer)); // 1 = NORMAL (https://www.sqlite.org/pragma.html#pragma_synchronous)
    }

    [Fact]
    public async Task Every_connection_waits_for_a_lock_in_SQLite_busy_handler_for_up_to_5_seconds()
    {
        await using var first = _factory.Services.CreateAsyncScope();
        await using var second = _factory.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var b = second.ServiceProvider.GetRequiredService<MarketplaceDb>();
        await a.Database.OpenConnectionAsync();
        await b.Database.OpenConnectionAsync();

        // Without it Microsoft.Data.Sqlite retries a locked write itself, sleeping 150 ms between tries.
        Assert.Equal(5000, (await a.Database.SqlQueryRaw<long>("PRAGMA busy_timeout").ToListAsync()).Single());
        Assert.Equal(5000, (await b.Database.SqlQueryRaw<long>("PRAGMA busy_timeout").ToListAsync()).Single());
    }

    [Fact]
    public async Task The_log_is_copied_into_the_database_file_in_the_background_not_by_the_commit_that_fills_it()
    {
        var checkpointer = _factory.Services.GetRequiredService<SqliteCheckpointer>();
        var autoCheckpoint = await _factory.WithDbAsync(async db => (await db.Database.SqlQueryRaw<long>("PRAGMA wal_autocheckpoint").ToListAsync()).Single());
        Assert.Equal(SqlitePragmas.AutoCheckpointPages, autoCheckpoint);

        // A write lands in the log; the background checkpoint then finds it there and copies all of it.
        var before = DateTimeOffset.UtcNow;
        await _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Organizations\" SET \"City\" = \"City\""));
        var copied = await MarketplaceFactory.EventuallyAsync(
            () => Task.FromResult(checkpointer.Last is { } last && last.At > before && last.CheckpointedPages == last.LogPages ? last : null),
            "a background checkpoint to copy the log");

        Assert.True(copied.LogPages > 0);
    }
}
