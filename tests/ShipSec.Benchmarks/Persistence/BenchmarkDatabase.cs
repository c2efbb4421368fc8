using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Persistence.Postgres;
using ShipSec.Runtime.Persistence.Sqlite;

namespace ShipSec.Benchmarks.Persistence;

/// <summary>
/// A migrated database of the benchmark's own, as the server configures it: a SQLite file in WAL mode under the temp
/// folder, or a fresh PostgreSQL database created next to the one <c>SHIPSEC_TEST_PG</c> names, dropped on dispose.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    /// <summary>The environment variable with a Npgsql connection string whose role may create databases.</summary>
    public const string PostgresVariable = "SHIPSEC_TEST_PG";

    private readonly Func<ShipSecDbContext> _create;
    private readonly Func<Task> _drop;

    private BenchmarkDatabase(Func<ShipSecDbContext> create, Func<Task> drop)
    {
        _create = create;
        _drop = drop;
    }

    /// <summary>The providers this machine can measure: SQLite always, PostgreSQL when <see cref="PostgresVariable"/> is set.</summary>
    public static IEnumerable<DatabaseProvider> Available() =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable))
            ? [DatabaseProvider.Sqlite]
            : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    public ShipSecDbContext CreateContext() => _create();

    public static async Task<BenchmarkDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = provider switch
        {
            DatabaseProvider.Sqlite => Sqlite(),
            DatabaseProvider.Postgres => await PostgresAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider"),
        };
        await using var db = database.CreateContext();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
        return database;
    }

    public async ValueTask DisposeAsync() => await _drop();

    private static BenchmarkDatabase Sqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"shipsec-bench-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteShipSecDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString())
            .AddInterceptors(new SqliteBusyTimeout())
            .Options;
        return new BenchmarkDatabase(() => new SqliteShipSecDbContext(options), () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                File.Delete(path);
            return Task.CompletedTask;
        });
    }

    private static async Task<BenchmarkDatabase> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable)!;
        var name = $"shipsec_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var options = new DbContextOptionsBuilder<PostgresShipSecDbContext>().UseNpgsql(connectionString).Options;
        return new BenchmarkDatabase(() => new PostgresShipSecDbContext(options), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
