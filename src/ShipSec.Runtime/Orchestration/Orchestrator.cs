using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Secrets;

namespace ShipSec.Runtime.Orchestration;

/// <summary>
/// Drives runs through the <see cref="FlowchartEngine"/>. Each input is one database transaction: load the run locked
/// (other processes wait), ask the engine for the next state, save it together with the messages the decision causes
/// (outbox), commit. The outbox relay then publishes those messages. The database row is the truth; the in-process
/// lock only saves this process from queueing on its own row locks.
/// </summary>
public sealed partial class Orchestrator(
    IServiceScopeFactory scopes,
    RunLocks locks,
    FlowchartEngine engine,
    EngineCommandExecutor commands,
    OutboxSignal outbox,
    TimerSignal timers,
    IOptions<ShipSecOptions> options,
    TimeProvider clock,
    ILogger<Orchestrator> logger)
{
    /// <summary>Error type of an attempt whose worker stopped renewing its lease.</summary>
    public const string LeaseExpiredError = "LeaseExpiredError";

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

    /// <summary>
    /// The lease of an attempt ran out: marks its execution lost (so a late result from its worker is dropped) and has
    /// the engine run the node again. Nothing happens if the worker finished the attempt in the meantime.
    /// </summary>
    public Task NodeLostAsync(string runId, string nodeId, int attempt, CancellationToken cancellationToken) =>
        TransitionAsync(runId, (flowchart, state, now) => engine.OnNodeLost(flowchart, state, nodeId, attempt, new NodeError
        {
            Type = LeaseExpiredError,
            Message = $"The worker running attempt {attempt} stopped renewing its lease (it died or lost the database); the node runs again.",
            Retryable = true,
        }, Math.Max(0, options.Value.Worker.MaxLostAttempts), now), cancellationToken,
            guard: async (db, ct) => await db.NodeExecutions
                .Where(x => x.RunId == runId && x.NodeId == nodeId && x.Attempt == attempt && x.Status == NodeExecutionStatus.Running)
                .ExecuteUpdateAsync(set => set.SetProperty(x => x.Status, NodeExecutionStatus.Lost), ct) == 1);

    /// <summary>Enqueues messages for a run as if a transition had caused them (recovery after a restart).</summary>
    public async Task ResendAsync(IReadOnlyList<object> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var now = clock.GetUtcNow();
        db.OutboxMessages.AddRange(messages.Select(m => OutboxMessages.ToRecord(m, now)));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
    }

    private async Task TransitionAsync(string runId, Func<CompiledFlowchart, RunState, DateTimeOffset, Decision> transition,
        CancellationToken cancellationToken, Func<ShipSecDbContext, CancellationToken, Task<bool>>? guard = null)
    {
        using var held = await locks.AcquireAsync(runId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<IRunStore>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var run = await store.LoadLockedAsync(runId, cancellationToken);
        if (run is null)
        {
            LogUnknownRun(runId);
            return;
        }
        if (guard is not null && !await guard(db, cancellationToken)) return;

        var now = clock.GetUtcNow();
        var decision = transition(FlowchartOf(run), run.State, now);
        if (decision.State.Status.IsTerminal())
            _flowcharts.TryRemove(runId, out _);
        if (decision.IsNoOp)
        {
            // The guard's write (if any) still stands: a lost attempt of a finished run stays lost.
            if (guard is not null) await transaction.CommitAsync(cancellationToken);
            return;
        }

        await store.SaveAsync(runId, run.State, decision.State, cancellationToken);
        var messages = commands.MessagesFor(decision.Commands, RunSecrets.Of(run.Definition, decision.State));
        db.OutboxMessages.AddRange(messages.Select(m => OutboxMessages.ToRecord(m, now)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (messages.Count > 0) outbox.Wake();
        if (decision.State.NextTimerDueAt is not null && decision.State.NextTimerDueAt != run.State.NextTimerDueAt) timers.Wake();
        commands.Committed(decision.Commands);
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
