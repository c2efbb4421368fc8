using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NUnit.Framework;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Persistence;
using static ShipSec.Testing.RunStoreScenario;

namespace ShipSec.Testing;

/// <summary>
/// What every run store must do, whatever the database: a run's nodes and edges live in rows of their own, a transition
/// rewrites only the rows it changed, a state reads back exactly as saved, a rolled-back save is never where the next
/// transition starts, and runs stored before node rows existed still load and migrate back. Each provider's test class
/// derives from it and supplies the database and the few statements whose SQL differs.
/// </summary>
public abstract class RunStoreContract
{
    /// <summary>The last migration before node and edge rows: the same name in both providers' migration sets.</summary>
    protected const string MigrationBeforeNodeRows = "FilesAndSecrets";

    private Func<ShipSecDbContext> _context = null!;

    protected RunStoreScenario Scenario { get; private set; } = null!;

    /// <summary>Creates an empty database for one test and returns how to open it.</summary>
    protected abstract Task<Func<ShipSecDbContext>> CreateDatabaseAsync();

    /// <summary>Drops what <see cref="CreateDatabaseAsync"/> created.</summary>
    protected abstract Task DropDatabaseAsync();

    /// <summary>SQL that adds <c>"untouched": true</c> to the JSON of every <c>run_nodes</c> row.</summary>
    protected abstract string MarkEveryNodeRowSql { get; }

    /// <summary>SQL selecting, as <c>"Value"</c>, the node ids whose row still carries that mark.</summary>
    protected abstract string MarkedNodeIdsSql { get; }

    /// <summary>Inserts a <c>runs</c> row as the store wrote it before node rows existed (timestamps in the provider's column type).</summary>
    protected abstract Task InsertRunRowAsync(ShipSecDbContext db, RunState state, string stateJson, string definitionJson, int totalActions);

    [SetUp]
    public async Task CreateDatabase()
    {
        _context = await CreateDatabaseAsync();
        Scenario = new RunStoreScenario(_context);
        await using var db = Context();
        await db.Database.MigrateAsync();
    }

    [TearDown]
    public Task DropDatabase() => DropDatabaseAsync();

    [Test]
    public async Task A_transition_rewrites_only_the_node_and_edge_rows_it_changed()
    {
        var cache = new RunStateCache();
        var runId = await CreateAsync(cache);
        var started = await TransitionAsync(cache, runId, state => Scenario.Engine.Start(Scenario.Flowchart, state, T0));
        await using (var db = Context())
            await db.Database.ExecuteSqlRawAsync(MarkEveryNodeRowSql);

        await TransitionAsync(cache, runId, state => Succeed(state, "entry", T0.AddSeconds(1)));

        await using var check = Context();
        var untouched = await check.Database
            .SqlQueryRaw<string>(MarkedNodeIdsSql)
            .ToListAsync();
        var edges = await check.RunEdges.Where(e => e.RunId == runId).OrderBy(e => e.EdgeId).Select(e => e.EdgeId + "=" + e.Resolution).ToListAsync();
        Assert.That(started.Nodes["entry"].Status, Is.EqualTo(NodeStatus.Running));
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
            state => Scenario.Engine.Start(Scenario.Flowchart, state, T0),
            state => Succeed(state, "entry", T0.AddSeconds(1)),
            state => Scenario.Engine.OnNodeFailed(Scenario.Flowchart, state, "a", 1, new NodeError { Type = "NetworkError", Message = "reset", Retryable = true }, T0.AddSeconds(2)),
            state => Succeed(state, "b", T0.AddSeconds(3)),
            state => Scenario.Engine.OnTimersDue(Scenario.Flowchart, state, T0.AddSeconds(10)),
            state => Scenario.Engine.Cancel(Scenario.Flowchart, state, "stopped by the test", T0.AddSeconds(11)),
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
    public async Task A_save_whose_transaction_rolls_back_is_not_where_the_next_transition_starts()
    {
        var cache = new RunStateCache();
        var runId = await CreateAsync(cache);
        var committed = await TransitionAsync(cache, runId, state => Scenario.Engine.Start(Scenario.Flowchart, state, T0));

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
        await TransitionAsync(cache, runId, state => Scenario.Engine.Start(Scenario.Flowchart, state, T0));
        await TransitionAsync(cache, runId, state => Succeed(state, "entry", T0.AddSeconds(1)));

        await using var db = Context();
        await db.Runs.Where(r => r.Id == runId).ExecuteDeleteAsync();

        Assert.That(await db.RunNodes.CountAsync(n => n.RunId == runId), Is.Zero);
        Assert.That(await db.RunEdges.CountAsync(e => e.RunId == runId), Is.Zero);
        Assert.That(await db.RunNodes.CountAsync(n => n.RunId == other), Is.EqualTo(Scenario.Definition.Actions.Count));
    }

    [Test]
    public async Task A_run_stored_with_its_nodes_inside_the_run_row_loads_and_runs_on_after_the_migration_and_migrates_back()
    {
        await using (var db = Context())
            await db.GetService<IMigrator>().MigrateAsync(MigrationBeforeNodeRows);
        var old = OldShapeState("run-old");
        await using (var db = Context())
        {
            await InsertRunRowAsync(db, old, JsonSerializer.Serialize(old, ShipSecJson.Options),
                JsonSerializer.Serialize(Scenario.Definition, ShipSecJson.Options), Scenario.Definition.Actions.Count);
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

    protected ShipSecDbContext Context() => _context();

    protected Decision Succeed(RunState state, string nodeId, DateTimeOffset at) => Scenario.Succeed(state, nodeId, at);

    protected Task<string> CreateAsync(RunStateCache cache) => Scenario.CreateAsync(cache);

    protected Task<RunState> TransitionAsync(RunStateCache cache, string runId, Func<RunState, Decision> transition) =>
        Scenario.TransitionAsync(cache, runId, transition);

    private RunState OldShapeState(string runId) => Scenario.OldShapeState(runId);

    private Task<StoredRun> LoadAsync(string runId) => Scenario.LoadAsync(runId);
}
