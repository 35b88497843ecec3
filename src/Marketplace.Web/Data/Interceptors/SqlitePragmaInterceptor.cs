using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Data.Interceptors;

/// <summary>
/// SQLite's write-ahead log with synchronous=NORMAL, set on every connection (the setting is per connection): a commit
/// appends to the WAL without waiting for the disk, which is synced at each checkpoint. The database cannot be corrupted
/// by a crash; a power cut can lose the last commits before the checkpoint (https://www.sqlite.org/pragma.html#pragma_synchronous).
/// SQLite is the embedded default for a single site; production runs SQL Server.
/// Also busy_timeout: a write that finds the database locked (by a write outside this process's <c>SqliteWriteGate</c>,
/// another process or a sign-in) is retried by SQLite itself, after 1, 2, 5, 10… ms, rather than by Microsoft.Data.Sqlite,
/// which sleeps 150 ms between tries (https://www.sqlite.org/c3ref/busy_timeout.html); past 5 s the driver's own retry
/// takes over until the command timeout.
/// And wal_autocheckpoint: the log is copied into the database file by <see cref="SqliteCheckpointer"/>, in the background,
/// rather than by whichever commit takes it past 1,000 pages while holding the write lock; a commit still does it past
/// <see cref="SqlitePragmas.AutoCheckpointPages"/>.
/// </summary>
/// <remarks>
/// A pooled connection keeps the setting while it lives, so it is set once per native connection, not on every open:
/// a busy auction opens a connection per request.
/// </remarks>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private static readonly string Pragmas = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint={SqlitePragmas.AutoCheckpointPages};";

    private readonly ConditionalWeakTable<object, object> _set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Whether the native connection under <paramref name="connection"/> has not had the pragmas yet.</summary>
    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _set.TryAdd(handle, handle);
}

public static class SqlitePragmas
{
    /// <summary>
    /// Past this many pages in the write-ahead log (about 80 MB) a commit checkpoints it itself, as SQLite does past 1,000
    /// by default: a safety net should the background checkpoint fall behind.
    /// </summary>
    public const int AutoCheckpointPages = 20_000;
}
