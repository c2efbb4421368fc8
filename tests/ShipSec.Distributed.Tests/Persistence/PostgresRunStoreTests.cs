using Microsoft.EntityFrameworkCore;
using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Persistence.Postgres;
using ShipSec.Testing;
using static ShipSec.Testing.RunStoreScenario;

namespace ShipSec.Distributed.Tests.Persistence;

/// <summary>
/// The run store's contract (<see cref="RunStoreContract"/>) on PostgreSQL, a scratch database per test, and what only a
/// shared database adds: a process never continues from a state another process has made stale.
/// </summary>
public sealed class PostgresRunStoreTests : RunStoreContract
{
    private ScratchDatabase _database = null!;

    protected override async Task<Func<ShipSecDbContext>> CreateDatabaseAsync()
    {
        _database = await ScratchDatabase.CreateAsync("runstore");
        var options = new DbContextOptionsBuilder<PostgresShipSecDbContext>().UseNpgsql(_database.ConnectionString).Options;
        return () => new PostgresShipSecDbContext(options);
    }

    protected override async Task DropDatabaseAsync() => await _database.DisposeAsync();

    protected override string MarkEveryNodeRowSql => "UPDATE run_nodes SET json = (json::jsonb || jsonb_build_object('untouched', true))::text";

    protected override string MarkedNodeIdsSql => "SELECT node_id AS \"Value\" FROM run_nodes WHERE json::jsonb -> 'untouched' IS NOT NULL";

    protected override async Task InsertRunRowAsync(ShipSecDbContext db, RunState state, string stateJson, string definitionJson, int totalActions) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO runs (id, workflow_id, workflow_version, status, state_json, definition_json, definition_version, total_actions, created_at, updated_at, started_at)
            VALUES ({state.RunId}, {state.WorkflowId}, 1, 'RUNNING', {stateJson}, {definitionJson}, 1, {totalActions}, {state.CreatedAt}, {state.UpdatedAt}, {state.StartedAt})
            """);

    [Test]
    public async Task A_transition_saved_by_another_process_is_where_the_next_transition_starts()
    {
        var first = new RunStateCache();
        var second = new RunStateCache();
        var runId = await CreateAsync(first);
        await TransitionAsync(first, runId, state => Scenario.Engine.Start(Scenario.Flowchart, state, T0));
        var byOther = await TransitionAsync(second, runId, state => Succeed(state, "entry", T0.AddSeconds(1)));

        await using var db = Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var next = await Store(db, first).LoadLockedAsync(runId, CancellationToken.None);

        Assert.That(Json(next!.State), Is.EqualTo(Json(byOther)));
    }
}
