using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NUnit.Framework;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Distributed.Tests.Infrastructure;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Persistence.Postgres;

using ShipSec.Testing;
using static ShipSec.Testing.RunStoreScenario;

namespace ShipSec.Distributed.Tests.Persistence;

/// <summary>
/// The run store on PostgreSQL: a transition rewrites only the node and edge rows it changed, a state reads back exactly
/// as saved, a process never continues from a state another process or a rolled-back transaction has made stale, and
/// runs stored before node rows existed still load.
/// </summary>
public sealed class PostgresRunStoreTests
{
    private const string MigrationBeforeNodeRows = "FilesAndSecrets";

    private RunStoreScenario _scenario = null!;
    private ScratchDatabase _database = null!;
    private DbContextOptions<PostgresShipSecDbContext> _options = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = await ScratchDatabase.CreateAsync("runstore");
        _options = new DbContextOptionsBuilder<PostgresShipSecDbContext>().UseNpgsql(_database.ConnectionString).Options;
        _scenario = new RunStoreScenario(Context);
        await using var db = Context();
        await db.Database.MigrateAsync();
    }

    [TearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task A_transition_rewrites_only_the_node_and_edge_rows_it_changed()
    {
        var cache = new RunStateCache();
        var runId = await CreateAsync(cache);
        await TransitionAsync(cache, runId, state => _scenario.Engine.Start(_scenario.Flowchart, state, T0));
        await using (var db = Context())
            await db.Database.ExecuteSqlRawAsync("UPDATE run_nodes SET json = (json::jsonb || jsonb_build_object('untouched', true))::text");

        await TransitionAsync(cache, runId, state => Succeed(state, "entry", T0.AddSeconds(1)));

        await using var check = Context();
        var untouched = await check.Database
            .SqlQueryRaw<string>("SELECT node_id AS \"Value\" FROM run_nodes WHERE json::jsonb -> 'untouched' IS NOT NULL")
            .ToListAsync();
        var edges = await check.RunEdges.Where(e => e.RunId == runId).OrderBy(e => e.EdgeId).Select(e => e.EdgeId + "=" + e.Resolution).ToListAsync();
        Assert.That(untouched, Is.EqualTo(new[] { "join" }), "only the join, which the transition left pending, keeps its old row");
        Assert.That(edges, Is.EqualTo(new[] { "entry->a=followed", "entry->b=followed", "entry->c=followed" }));
    }

    [Test]
    public async Task A_state_reads_back_from_its_rows_exactly_as_saved_after_every_transition()
    {
        var cache = new RunStateCache();
        var runId = await CreateAsync(cache);
        Func<RunState, Decision>[] transitions =
        [
            state => _scenario.Engine.Start(_scenario.Flowchart, state, T0),
            state => Succeed(state, "entry", T0.AddSeconds(1)),
            state => _scenario.Engine.OnNodeFailed(_scenario.Flowchart, state, "a", 1, new NodeError { Type = "NetworkError", Message = "reset", Retryable = true }, T0.AddSeconds(2)),
            state => Succeed(state, "b", T0.AddSeconds(3)),
            state => _scenario.Engine.OnTimersDue(_scenario.Flowchart, state, T0.AddSeconds(10)),
            state => _scenario.Engine.Cancel(_scenario.Flowchart, state, "stopped by the test", T0.AddSeconds(11)),
        ];
        var saved = new List<string> { Json((await LoadAsync(runId)).State) };
        var loaded = new List<string> { saved[0] };

        foreach (var transition in transitions)
        {
            saved.Add(Json(await TransitionAsync(cache, runId, transition)));
            loaded.Add(Json((await LoadAsync(runId)).State));
        }

        Assert.That(loaded, Is.EqualTo(saved));
        Assert.That(saved[^1], Does.Contain("\"pendingTerminalStatus\":\"CANCELLED\"").And.Contain("\"kind\":\"drain\""),
            "the last state has a pending terminal status and drain timers, so every part of the state was compared");
    }

    [Test]
    public async Task A_transition_saved_by_another_process_is_where_the_next_transition_starts()
    {
        var first = new RunStateCache();
        var second = new RunStateCache();
        var runId = await CreateAsync(first);
        await TransitionAsync(first, runId, state => _scenario.Engine.Start(_scenario.Flowchart, state, T0));
        var byOther = await TransitionAsync(second, runId, state => Succeed(state, "entry", T0.AddSeconds(1)));

        await using var db = Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var next = await Store(db, first).LoadLockedAsync(runId, CancellationToken.None);

        Assert.That(Json(next!.State), Is.EqualTo(Json(byOther)));
    }

    [Test]
    public async Task A_save_whose_transaction_rolls_back_is_not_where_the_next_transition_starts()
    {
        var cache = new RunStateCache();
        var runId = await CreateAsync(cache);
        var committed = await TransitionAsync(cache, runId, state => _scenario.Engine.Start(_scenario.Flowchart, state, T0));

        await using (var db = Context())
        {
            var store = Store(db, cache);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var run = (await store.LoadLockedAsync(runId, CancellationToken.None))!;
            await store.SaveAsync(runId, run.State, Succeed(run.State, "entry", T0.AddSeconds(1)).State, CancellationToken.None);
            await transaction.RollbackAsync();
        }
        await using var next = Context();
        await using var nextTransaction = await next.Database.BeginTransactionAsync();
        var reloaded = await Store(next, cache).LoadLockedAsync(runId, CancellationToken.None);

        Assert.That(Json(reloaded!.State), Is.EqualTo(Json(committed)));
    }

    [Test]
    public async Task Deleting_a_run_row_deletes_its_node_and_edge_rows()
    {
        var cache = new RunStateCache();
        var runId = await CreateAsync(cache);
        var other = await CreateAsync(cache);
        await TransitionAsync(cache, runId, state => _scenario.Engine.Start(_scenario.Flowchart, state, T0));
        await TransitionAsync(cache, runId, state => Succeed(state, "entry", T0.AddSeconds(1)));

        await using var db = Context();
        await db.Runs.Where(r => r.Id == runId).ExecuteDeleteAsync();

        Assert.That(await db.RunNodes.CountAsync(n => n.RunId == runId), Is.Zero);
        Assert.That(await db.RunEdges.CountAsync(e => e.RunId == runId), Is.Zero);
        Assert.That(await db.RunNodes.CountAsync(n => n.RunId == other), Is.EqualTo(_scenario.Definition.Actions.Count));
    }

    [Test]
    public async Task A_run_stored_with_its_nodes_inside_the_run_row_loads_and_runs_on_after_the_migration_and_migrates_back()
    {
        await using (var db = Context())
            await db.GetService<IMigrator>().MigrateAsync(MigrationBeforeNodeRows);
        var old = OldShapeState("run-old");
        await using (var db = Context())
        {
            var json = JsonSerializer.Serialize(old, ShipSecJson.Options);
            var definition = JsonSerializer.Serialize(_scenario.Definition, ShipSecJson.Options);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO runs (id, workflow_id, workflow_version, status, state_json, definition_json, definition_version, total_actions, created_at, updated_at, started_at)
                VALUES ({old.RunId}, {old.WorkflowId}, 1, 'RUNNING', {json}, {definition}, 1, {_scenario.Definition.Actions.Count}, {old.CreatedAt}, {old.UpdatedAt}, {old.StartedAt})
                """);
        }

        await using (var db = Context())
            await db.Database.MigrateAsync();
        var loaded = await LoadAsync(old.RunId);
        var next = await TransitionAsync(new RunStateCache(), old.RunId, state => Succeed(state, "b", T0.AddSeconds(5)));
        var reloaded = await LoadAsync(old.RunId);
        await using (var db = Context())
            await db.GetService<IMigrator>().MigrateAsync(MigrationBeforeNodeRows);
        await using var rolledBack = Context();
        var restored = await rolledBack.Database.SqlQueryRaw<string>("SELECT state_json AS \"Value\" FROM runs").SingleAsync();

        Assert.That(Json(loaded.State), Is.EqualTo(Json(old)));
        Assert.That(next.Nodes["b"].Status, Is.EqualTo(NodeStatus.Succeeded));
        Assert.That(Json(reloaded.State), Is.EqualTo(Json(next)));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(restored), JsonNode.Parse(Json(next))), Is.True,
            $"migrating back puts nodes and edges into the run row again: {restored}");
    }

    private PostgresShipSecDbContext Context() => new(_options);

    private RunState OldShapeState(string runId) => _scenario.OldShapeState(runId);

    private Decision Succeed(RunState state, string nodeId, DateTimeOffset at) => _scenario.Succeed(state, nodeId, at);

    private Task<string> CreateAsync(RunStateCache cache) => _scenario.CreateAsync(cache);

    private Task<RunState> TransitionAsync(RunStateCache cache, string runId, Func<RunState, Decision> transition) =>
        _scenario.TransitionAsync(cache, runId, transition);

    private Task<StoredRun> LoadAsync(string runId) => _scenario.LoadAsync(runId);
}
