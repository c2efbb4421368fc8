using System.Text.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

/// <summary>
/// The Flowchart runtime as a pure state machine: every method takes the run's current state and one
/// input (start, a node result, due timers, cancel) and returns the next state plus the commands the host
/// must carry out. No I/O, no clocks (time is passed in), no randomness — so the host can persist the
/// decision and its commands in one transaction, and duplicate or stale inputs are detected and ignored.
/// The given state is never modified; a decision always carries a new state object. To keep a call's cost to what it
/// changes, the new state shares the node states the call left unchanged with the given one: treat every state handed
/// to or returned by the engine as a value and do not change it.
/// </summary>
public sealed class FlowchartEngine
{
    /// <summary>Creates the state of a new run (status QUEUED, with its WORKFLOW_STATUS event); nothing is dispatched yet.</summary>
    public Decision CreateRun(CompiledFlowchart flowchart, string runId, string workflowId,
        IReadOnlyDictionary<string, JsonElement> inputs, DateTimeOffset now)
    {
        var state = new RunState
        {
            RunId = runId,
            WorkflowId = workflowId,
            Status = RunStatus.Queued,
            CreatedAt = now,
            UpdatedAt = now,
            Inputs = new Dictionary<string, JsonElement>(inputs, StringComparer.Ordinal),
            Nodes = flowchart.Definition.Actions.ToDictionary(a => a.Ref, a => new NodeState { NodeId = a.Ref }, StringComparer.Ordinal),
            Edges = flowchart.Definition.Edges.ToDictionary(e => e.Id, _ => EdgeResolution.Unresolved, StringComparer.Ordinal),
        };
        return new Decision(state, [new EmitTrace(EngineTrace.WorkflowStatus(state, now))]);
    }

    /// <summary>Starts a QUEUED run: status RUNNING, ready nodes dispatched, run timeout armed.</summary>
    public Decision Start(CompiledFlowchart flowchart, RunState state, DateTimeOffset now)
    {
        if (state.Status != RunStatus.Queued || state.PendingTerminalStatus is not null)
            return RunTransition.NoOp(state);

        var transition = new RunTransition(flowchart, state, now);
        transition.Start();
        return transition.Commit();
    }

    /// <summary>A worker reports the attempt has begun (fills timings; no-op for stale attempts).</summary>
    public Decision OnNodeStarted(CompiledFlowchart flowchart, RunState state, string nodeId, int attempt, DateTimeOffset startedAt, string? worker) =>
        Apply(flowchart, state, startedAt, t => t.NodeStarted(nodeId, attempt, worker));

    /// <summary>An attempt succeeded; follows success edges (branch ports gated by <paramref name="activatedPorts"/>), evaluates joins, dispatches what became ready, finishes the run when nothing is left.</summary>
    public Decision OnNodeSucceeded(CompiledFlowchart flowchart, RunState state, string nodeId, int attempt,
        IReadOnlyDictionary<string, JsonElement> outputs, IReadOnlyList<string>? activatedPorts, DateTimeOffset now) =>
        Apply(flowchart, state, now, t => t.NodeSucceeded(nodeId, attempt, outputs, activatedPorts));

    /// <summary>An attempt failed; retries per policy (a timer), else follows error edges, else fails the run.</summary>
    public Decision OnNodeFailed(CompiledFlowchart flowchart, RunState state, string nodeId, int attempt, NodeError error, DateTimeOffset now) =>
        Apply(flowchart, state, now, t => t.NodeFailed(nodeId, attempt, error));

    /// <summary>
    /// The host lost an attempt (its worker stopped holding the lease): the attempt is recorded as failed with
    /// <paramref name="error"/> (a NODE_FAILED event) and the node is dispatched again as a new attempt, whatever its
    /// retry policy, because the module never got to a verdict. After <paramref name="maxLostAttempts"/> lost attempts
    /// of the node the loss counts as an ordinary failure (retry policy, error edges, run failure).
    /// </summary>
    public Decision OnNodeLost(CompiledFlowchart flowchart, RunState state, string nodeId, int attempt, NodeError error,
        int maxLostAttempts, DateTimeOffset now) =>
        Apply(flowchart, state, now, t => t.NodeLost(nodeId, attempt, error, maxLostAttempts));

    /// <summary>Fires every timer whose due time is at or before <paramref name="now"/>.</summary>
    public Decision OnTimersDue(CompiledFlowchart flowchart, RunState state, DateTimeOffset now) =>
        Apply(flowchart, state, now, t => t.TimersDue());

    /// <summary>User cancel: status CANCELLED once running nodes have stopped (or the drain deadline passes), pending nodes skipped.</summary>
    public Decision Cancel(CompiledFlowchart flowchart, RunState state, string reason, DateTimeOffset now) =>
        Apply(flowchart, state, now, t => t.Cancel(reason));

    private static Decision Apply(CompiledFlowchart flowchart, RunState state, DateTimeOffset now, Func<RunTransition, bool> input)
    {
        if (state.Status.IsTerminal())
            return RunTransition.NoOp(state);

        var transition = new RunTransition(flowchart, state, now);
        return input(transition) ? transition.Commit() : RunTransition.NoOp(state);
    }
}
