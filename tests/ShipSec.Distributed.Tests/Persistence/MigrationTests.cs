using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Persistence.Postgres;
using ShipSec.Runtime.Persistence.Sqlite;

namespace ShipSec.Distributed.Tests.Persistence;

/// <summary>Both migration sets build the current model's schema on an empty database, and neither lags behind the model.</summary>
public sealed class MigrationTests
{
    [Test]
    public async Task The_postgres_migrations_build_the_model_on_an_empty_database()
    {
        await using var database = await ScratchDatabase.CreateAsync("migrate");
        await using var db = new PostgresShipSecDbContext(
            new DbContextOptionsBuilder<PostgresShipSecDbContext>().UseNpgsql(database.ConnectionString).Options);

        await db.Database.MigrateAsync();

        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "add a migration to the Postgres set for the model change");
        Assert.That(await TablesAsync(db), Is.SupersetOf(ExpectedTables));
    }

    [Test]
    public async Task The_sqlite_migrations_build_the_model_on_an_empty_database()
    {
        var file = Path.Combine(Path.GetTempPath(), $"shipsec-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteShipSecDbContext(
                new DbContextOptionsBuilder<SqliteShipSecDbContext>().UseSqlite($"Data Source={file}").Options);

            await db.Database.MigrateAsync();

            Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
            Assert.That(db.Database.HasPendingModelChanges(), Is.False, "add a migration to the SQLite set for the model change");
            Assert.That(await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync(),
                Is.SupersetOf(ExpectedTables));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Test]
    public void Both_migration_sets_have_the_same_tables_and_columns()
    {
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.That(Columns(sqlite), Is.EqualTo(Columns(postgres)));
    }

    private static readonly string[] ExpectedTables =
    [
        "workflows", "workflow_versions", "runs", "run_nodes", "run_edges", "trace_events", "run_trace_counters", "artifacts",
        "outbox_messages", "node_executions", "files", "secrets", "api_keys",
    ];

    private static async Task<List<string>> TablesAsync(ShipSecDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();

    /// <summary>"table.column" of every mapped property, as the migrations' snapshot of each provider records them.</summary>
    private static List<string> Columns(ShipSecDbContext db)
    {
        var snapshot = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().ModelSnapshot!.Model;
        return snapshot.GetEntityTypes()
            .SelectMany(t => t.GetProperties().Select(p => $"{t.GetTableName()}.{p.GetColumnName()}"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
