using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Secrets;

namespace ShipSec.Runtime.Orchestration;

/// <summary>
/// Drives runs through the <see cref="FlowchartEngine"/>: for each input it takes the run's lock, loads the run,
/// asks the engine for the next state, commits that state, then carries out the decision's commands.
/// The database row is the truth; the lock only keeps this process from racing itself.
/// </summary>
public sealed partial class Orchestrator(
    IServiceScopeFactory scopes,
    RunLocks locks,
    FlowchartEngine engine,
    EngineCommandExecutor commands,
    TimeProvider clock,
    ILogger<Orchestrator> logger)
{
    private const int MaxCachedFlowcharts = 512;
    private readonly ConcurrentDictionary<string, CompiledFlowchart> _flowcharts = new(StringComparer.Ordinal);

    public Task StartAsync(string runId, CancellationToken cancellationToken) =>
        TransitionAsync(runId, (flowchart, state, now) =>
            state.Status == RunStatus.Queued ? engine.Start(flowchart, state, now) : Unchanged(state), cancellationToken);

    public Task NodeSucceededAsync(NodeSucceeded result, CancellationToken cancellationToken) =>
        TransitionAsync(result.RunId, (flowchart, state, now) =>
        {
            var started = engine.OnNodeStarted(flowchart, state, result.NodeId, result.Attempt, result.StartedAt, result.Worker);
            var finished = engine.OnNodeSucceeded(flowchart, started.State, result.NodeId, result.Attempt, result.Outputs,
                result.ActivatedPorts, result.CompletedAt);
            return Combine(started, finished);
        }, cancellationToken);

    public Task NodeFailedAsync(NodeFailed result, CancellationToken cancellationToken) =>
        TransitionAsync(result.RunId, (flowchart, state, now) =>
        {
            var started = engine.OnNodeStarted(flowchart, state, result.NodeId, result.Attempt, result.StartedAt, result.Worker);
            var finished = engine.OnNodeFailed(flowchart, started.State, result.NodeId, result.Attempt, result.Error, result.CompletedAt);
            return Combine(started, finished);
        }, cancellationToken);

    public Task TimersDueAsync(string runId, CancellationToken cancellationToken) =>
        TransitionAsync(runId, (flowchart, state, now) =>
            state.NextTimerDueAt is { } due && due <= now ? engine.OnTimersDue(flowchart, state, now) : Unchanged(state), cancellationToken);

    public Task CancelAsync(string runId, string reason, CancellationToken cancellationToken) =>
        TransitionAsync(runId, (flowchart, state, now) =>
            state.Status.IsTerminal() ? Unchanged(state) : engine.Cancel(flowchart, state, reason, now), cancellationToken);

    private async Task TransitionAsync(string runId, Func<CompiledFlowchart, RunState, DateTimeOffset, Decision> transition,
        CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(runId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IRunStore>();

        var run = await store.LoadAsync(runId, cancellationToken);
        if (run is null)
        {
            LogUnknownRun(runId);
            return;
        }

        var decision = transition(FlowchartOf(run), run.State, clock.GetUtcNow());
        if (decision.State.Status.IsTerminal())
            _flowcharts.TryRemove(runId, out _);
        if (decision.IsNoOp) return;

        await store.SaveAsync(runId, decision.State, cancellationToken);
        await commands.ExecuteAsync(decision.Commands, RunSecrets.Of(run.Definition, decision.State), cancellationToken);
    }

    // A run's definition never changes, so it is indexed once per run rather than on every transition. Keyed by run,
    // not by workflow version: each run stores the definition compiled when it started, and a module upgrade between
    // two starts can make two runs of one version differ. Entries leave when their run ends; the size cap only guards
    // against runs that never end in this process (emptying it costs a re-index per run, nothing else).
    private CompiledFlowchart FlowchartOf(StoredRun run)
    {
        if (_flowcharts.TryGetValue(run.RunId, out var cached))
            return cached;
        if (_flowcharts.Count >= MaxCachedFlowcharts)
            _flowcharts.Clear();
        return _flowcharts[run.RunId] = CompiledFlowchart.From(run.Definition);
    }

    private static Decision Unchanged(RunState state) => new(state, []) { IsNoOp = true };

    private static Decision Combine(Decision first, Decision second) =>
        new(second.State, [.. first.Commands, .. second.Commands]) { IsNoOp = first.IsNoOp && second.IsNoOp };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring a message for unknown run {RunId}")]
    private partial void LogUnknownRun(string runId);
}
