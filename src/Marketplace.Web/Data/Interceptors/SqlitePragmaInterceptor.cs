using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Data.Interceptors;

/// <summary>
/// SQLite's write-ahead log with synchronous=NORMAL, set on every connection (the setting is per connection): a commit
/// appends to the WAL without waiting for the disk, which is synced at each checkpoint. The database cannot be corrupted
/// by a crash; a power cut can lose the last commits before the checkpoint (https://www.sqlite.org/pragma.html#pragma_synchronous).
/// SQLite is the embedded default for a single site; production runs SQL Server.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
