using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Persistence.Sqlite;
using ShipSec.Testing;

namespace ShipSec.Server.Tests.Persistence;

/// <summary>The run store's contract (<see cref="RunStoreContract"/>) on SQLite, a fresh database file per test.</summary>
public sealed class RunStoreTests : RunStoreContract
{
    private string _file = "";

    protected override Task<Func<ShipSecDbContext>> CreateDatabaseAsync()
    {
        _file = Path.Combine(Path.GetTempPath(), $"shipsec-runstore-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteShipSecDbContext>().UseSqlite($"Data Source={_file}").Options;
        return Task.FromResult<Func<ShipSecDbContext>>(() => new SqliteShipSecDbContext(options));
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return Task.CompletedTask;
    }

    protected override string MarkEveryNodeRowSql => "UPDATE run_nodes SET json = json_set(json, '$.untouched', json('true'))";

    protected override string MarkedNodeIdsSql =>
        "SELECT node_id AS \"Value\" FROM run_nodes WHERE json_extract(json, '$.untouched') IS NOT NULL";

    protected override async Task InsertRunRowAsync(ShipSecDbContext db, RunState state, string stateJson, string definitionJson, int totalActions) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO runs (id, workflow_id, workflow_version, status, state_json, definition_json, definition_version, total_actions, created_at, updated_at, started_at)
            VALUES ({state.RunId}, {state.WorkflowId}, 1, 'RUNNING', {stateJson}, {definitionJson}, 1, {totalActions}, {state.CreatedAt.UtcTicks}, {state.UpdatedAt.UtcTicks}, {state.StartedAt!.Value.UtcTicks})
            """);
}
