using Marketplace.Web.Data.Interceptors;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

/// <summary>What one checkpoint found in the write-ahead log and copied to the database file, in pages.</summary>
public sealed record SqliteCheckpoint(int LogPages, int CheckpointedPages, DateTimeOffset At);

/// <summary>
/// Copies the write-ahead log into the database file in the background, every <see cref="Interval"/>. Left to SQLite, the
/// commit that takes the log past 1,000 pages does it (copying, then syncing the file to disk) while it still holds the
/// write lock, and every writer of the marketplace waits. A PASSIVE checkpoint takes no write lock: it copies what no
/// reader still needs and never waits for anyone (https://www.sqlite.org/c3ref/wal_checkpoint_v2.html). Commits still
/// checkpoint themselves past <see cref="SqlitePragmas.AutoCheckpointPages"/>, should this ever fall behind.
/// </summary>
public sealed class SqliteCheckpointer(IServiceScopeFactory scopes, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private SqliteCheckpoint? _last;

    /// <summary>The latest checkpoint that found pages in the log; null until one has.</summary>
    public SqliteCheckpoint? Last => Volatile.Read(ref _last);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckpointAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "The background checkpoint of the SQLite log failed; commits checkpoint it themselves meanwhile");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // One row: busy (always 0 for PASSIVE), pages in the log, pages of it now in the database file.
        if (await reader.ReadAsync(cancellationToken) && reader.GetInt32(1) > 0)
        {
            Volatile.Write(ref _last, new SqliteCheckpoint(reader.GetInt32(1), reader.GetInt32(2), DateTimeOffset.UtcNow));
        }
    }
}
