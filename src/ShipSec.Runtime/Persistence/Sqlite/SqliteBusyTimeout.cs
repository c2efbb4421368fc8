using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ShipSec.Runtime.Persistence.Sqlite;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>busy_timeout</c>), in steps of a few milliseconds, instead of
/// failing at once and leaving the retry to the driver, whose retry sleeps far longer than a write takes here.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const int TimeoutMilliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {TimeoutMilliseconds};";
        command.ExecuteNonQuery();
    }
}
