using System.Text.Json;
using ShipSec.Benchmarks.Hosts;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Benchmarks.Persistence;

/// <summary>
/// Drives one run to completion through the runtime's <see cref="EfRunStore"/> the way the orchestrator does: every
/// engine input is one transaction on a fresh context that loads the run locked, asks the engine, saves the next state
/// and commits. Every dispatched node is answered, in dispatch order, with a start and a success report in one
/// transition (as a worker's result is) and a small output. No bus, no outbox, no trace store: only the run state's
/// persistence is measured. With <paramref name="reuseSavedState"/> false every transition starts from a cache of its
/// own, as when each transition of a run is handled by a different orchestrator process, so every load reads the rows.
/// </summary>
public sealed class StoredRunHost(BenchmarkDatabase database, WorkflowDefinition definition, bool reuseSavedState)
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<string, JsonElement> NoInputs = new Dictionary<string, JsonElement>();

    private readonly FlowchartEngine _engine = new();
    private readonly CompiledFlowchart _flowchart = CompiledFlowchart.From(definition);
    private readonly OutboxSignal _outbox = new();
    private readonly RunStateCache _cache = new();

    /// <summary>Runs the workflow once under a new run id; throws unless it ends COMPLETED.</summary>
    public async Task<RunSummary> RunAsync()
    {
        var runId = $"bench-{Guid.NewGuid():N}";
        var dispatched = new Queue<DispatchNode>();
        var transitions = 1;

        var created = _engine.CreateRun(_flowchart, runId, "wf-bench", NoInputs, Now);
        await using (var db = database.CreateContext())
        {
            var store = new EfRunStore(db, _cache, _outbox, TimeProvider.System);
            if (!await store.TryCreateAsync(new NewRun(runId, "wf-bench", 1, definition, created.State, null), CancellationToken.None))
                throw new InvalidOperationException($"Run {runId} already exists");
        }

        var state = await TransitionAsync(runId, dispatched, current => _engine.Start(_flowchart, current, Now));
        transitions++;
        while (dispatched.TryDequeue(out var dispatch))
        {
            state = await TransitionAsync(runId, dispatched, current =>
            {
                var started = _engine.OnNodeStarted(_flowchart, current, dispatch.NodeId, dispatch.Attempt, Now, "bench-worker");
                return _engine.OnNodeSucceeded(_flowchart, started.State, dispatch.NodeId, dispatch.Attempt, OutputOf(dispatch.NodeId), null, Now);
            });
            transitions++;
        }

        if (state.Status != RunStatus.Completed)
            throw new InvalidOperationException($"The benchmark run ended {state.Status.ToWire()}, not COMPLETED: {state.Failure?.Reason}");
        return new RunSummary(state.Nodes.Count, transitions, 0);
    }

    private async Task<RunState> TransitionAsync(string runId, Queue<DispatchNode> dispatched, Func<RunState, Decision> transition)
    {
        await using var db = database.CreateContext();
        var store = new EfRunStore(db, reuseSavedState ? _cache : new RunStateCache(), _outbox, TimeProvider.System);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var run = await store.LoadLockedAsync(runId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Run {runId} is missing");
        var decision = transition(run.State);
        await store.SaveAsync(runId, run.State, decision.State, CancellationToken.None);
        await transaction.CommitAsync();

        foreach (var dispatch in decision.Commands.OfType<DispatchNode>())
            dispatched.Enqueue(dispatch);
        return decision.State;
    }

    /// <summary>About the size of a small module result: a few named values.</summary>
    private static IReadOnlyDictionary<string, JsonElement> OutputOf(string nodeId) => new Dictionary<string, JsonElement>
    {
        ["host"] = JsonSerializer.SerializeToElement($"{nodeId}.example.com"),
        ["ports"] = JsonSerializer.SerializeToElement(new[] { 22, 80, 443 }),
        ["summary"] = JsonSerializer.SerializeToElement($"{nodeId}: 3 open ports, no findings"),
    };
}
