using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

/// <summary>
/// One SQLite connection for every write of this process, so that its page cache lasts from one write to the next.
/// </summary>
/// <remarks>
/// SQLite keeps a page cache per connection and, in WAL mode, drops all of it when the connection begins a transaction and
/// finds that another connection has committed since its last one (pager.c, pagerBeginReadTransaction: the cache is reset
/// when the WAL index header changed). Taken from the shared pool, a command's
/// connection was a different one nearly every time, so every write started cold and read each page of every table and index
/// it touched from the file again: an audit record's insert cost ~70 µs in the write lock instead of ~45.
/// Writes already take turns (<see cref="Infrastructure.Pipeline.SqliteWriteGate"/>); for its turn a context's connection is
/// pointed at a pool of its own, whose only native connection is therefore always the last to have committed and finds its
/// cache valid. Microsoft.Data.Sqlite pools connections by their connection string, so the writers' pool is named by the
/// same string with its default timeout restated: the same database, the same settings.
/// The connection is closed, back into that pool, before the turn passes on, and the context gets its own string back, so
/// its reads after the turn use the shared pool again.
/// </remarks>
public static class SqliteWriterConnection
{
    /// <summary>Each connection string's writers' string, made once: a write's turn would otherwise parse it again in the lock.</summary>
    private static readonly ConcurrentDictionary<string, string> Writers = new(StringComparer.Ordinal);

    /// <summary>The writers' connection string for <paramref name="connectionString"/>: the same settings, a pool of its own.</summary>
    public static string For(string connectionString) => Writers.GetOrAdd(connectionString, static own =>
        $"{own.TrimEnd(';', ' ')};Default Timeout={new SqliteConnectionStringBuilder(own).DefaultTimeout}");

    /// <summary>Points <paramref name="db"/> at the writers' connection until the returned turn, which ends <paramref name="turn"/> too, is disposed.</summary>
    public static IDisposable Lend(MarketplaceDb db, IDisposable turn)
    {
        var connection = db.Database.GetDbConnection();
        var own = connection.ConnectionString;
        try
        {
            // A context keeps its connection open between its reads once it has opened it itself (ActingOrganization's read);
            // closing returns it to the shared pool, and EF Core opens the writers' connection when the transaction begins.
            connection.Close();
            connection.ConnectionString = For(own);
        }
        catch
        {
            // The turn is given back whatever happens: a writer that kept it would stop every other.
            turn.Dispose();
            throw;
        }

        return new Lent(connection, own, turn);
    }

    private sealed class Lent(System.Data.Common.DbConnection connection, string own, IDisposable turn) : IDisposable
    {
        private int _returned;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) != 0)
            {
                return;
            }

            try
            {
                // Back in the writers' pool before the next writer's turn begins, so that it finds this connection there
                // rather than opening a second one.
                connection.Close();
                connection.ConnectionString = own;
            }
            finally
            {
                turn.Dispose();
            }
        }
    }
}
