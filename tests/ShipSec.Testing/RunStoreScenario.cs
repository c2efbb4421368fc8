using System.Text.Json;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Testing;

/// <summary>
/// A small fan-out run (entry → a, b, c → join; a retries once) driven through the real engine and an <see cref="EfRunStore"/>
/// on whatever database <c>context</c> opens, so the run-store tests of every provider share one scenario.
/// </summary>
public sealed class RunStoreScenario(Func<ShipSecDbContext> context)
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public FlowchartEngine Engine { get; } = new();
    public WorkflowDefinition Definition { get; } = FanOut();
    public CompiledFlowchart Flowchart => _flowchart ??= CompiledFlowchart.From(Definition);

    private CompiledFlowchart? _flowchart;

    /// <summary>A run as the store before node rows wrote it: mid-run, with resolved edges, a retry timer and outputs.</summary>
    public RunState OldShapeState(string runId)
    {
        var state = Engine.CreateRun(Flowchart, runId, "wf-store", Inputs(), T0).State;
        state = Engine.Start(Flowchart, state, T0).State;
        state = Succeed(state, "entry", T0.AddSeconds(1)).State;
        return Engine.OnNodeFailed(Flowchart, state, "a", 1, new NodeError { Type = "NetworkError", Message = "reset", Retryable = true }, T0.AddSeconds(2)).State;
    }

    public Decision Succeed(RunState state, string nodeId, DateTimeOffset at)
    {
        var attempt = state.Nodes[nodeId].Attempt;
        var started = Engine.OnNodeStarted(Flowchart, state, nodeId, attempt, at, "worker-1");
        var outputs = new Dictionary<string, JsonElement>
        {
            ["hosts"] = JsonSerializer.SerializeToElement(new[] { $"{nodeId}.example.com", "www.example.com" }),
            ["summary"] = JsonSerializer.SerializeToElement(new { open = 3, note = $"{nodeId} done" }),
        };
        return Engine.OnNodeSucceeded(Flowchart, started.State, nodeId, attempt, outputs, null, at);
    }

    public async Task<string> CreateAsync(RunStateCache cache)
    {
        var runId = $"run-{Guid.NewGuid():N}";
        var created = Engine.CreateRun(Flowchart, runId, "wf-store", Inputs(), T0);
        await using var db = context();
        if (!await Store(db, cache).TryCreateAsync(new NewRun(runId, "wf-store", 1, Definition, created.State, null), CancellationToken.None))
            throw new InvalidOperationException($"Run {runId} was not created.");
        return runId;
    }

    /// <summary>One orchestrator transition: load locked, decide, save what changed, commit.</summary>
    public async Task<RunState> TransitionAsync(RunStateCache cache, string runId, Func<RunState, Decision> transition)
    {
        await using var db = context();
        var store = Store(db, cache);
        await using var dbTransaction = await db.Database.BeginTransactionAsync();
        var run = (await store.LoadLockedAsync(runId, CancellationToken.None))!;
        var decision = transition(run.State);
        if (decision.IsNoOp) throw new InvalidOperationException("Every transition of a run-store scenario must change the run.");
        await store.SaveAsync(runId, run.State, decision.State, CancellationToken.None);
        await dbTransaction.CommitAsync();
        return decision.State;
    }

    public async Task<StoredRun> LoadAsync(string runId)
    {
        await using var db = context();
        return (await Store(db, new RunStateCache()).LoadAsync(runId, CancellationToken.None))!;
    }

    public static EfRunStore Store(ShipSecDbContext db, RunStateCache cache) => new(db, cache, new OutboxSignal(), TimeProvider.System);

    public static string Json(RunState state) => JsonSerializer.Serialize(state, ShipSecJson.Options);

    public static Dictionary<string, JsonElement> Inputs() => new()
    {
        ["domain"] = JsonSerializer.SerializeToElement("example.com"),
        ["ports"] = JsonSerializer.SerializeToElement(new[] { 80, 443 }),
    };

    /// <summary>entry → a (two attempts), b, c → join.</summary>
    private static WorkflowDefinition FanOut()
    {
        string[] branches = ["a", "b", "c"];
        var edges = branches.SelectMany(b => new[] { Edge("entry", b), Edge(b, "join") }).ToList();
        List<DefinitionAction> actions =
        [
            new() { Ref = "entry", ComponentId = WellKnown.EntrypointComponent },
            .. branches.Select(b => new DefinitionAction
            {
                Ref = b,
                ComponentId = "test.echo",
                DependsOn = ["entry"],
                RetryPolicy = b == "a" ? new RetryPolicy { MaxAttempts = 2, InitialIntervalSeconds = 5 } : null,
            }),
            new() { Ref = "join", ComponentId = "test.echo", DependsOn = [.. branches] },
        ];
        return new WorkflowDefinition
        {
            Version = 1,
            Title = "fan-out",
            Entrypoint = new EntrypointRef("entry"),
            Nodes = actions.ToDictionary(a => a.Ref, a => new NodeMetadata { Ref = a.Ref, Label = a.Ref, ComponentId = a.ComponentId }),
            Edges = edges,
            DependencyCounts = actions.ToDictionary(a => a.Ref, a => a.DependsOn.Count),
            Actions = actions,
        };
    }

    private static DefinitionEdge Edge(string source, string target) =>
        new() { Id = $"{source}->{target}", SourceRef = source, TargetRef = target, Kind = EdgeKind.Success };
}
