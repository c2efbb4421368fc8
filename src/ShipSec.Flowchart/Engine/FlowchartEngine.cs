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
/// </summary>
public sealed class FlowchartEngine
{
    /// <summary>Creates the state of a new run (status QUEUED, with its WORKFLOW_STATUS event); nothing is dispatched yet.</summary>
    public Decision CreateRun(CompiledFlowchart flowchart, string runId, string workflowId,
        IReadOnlyDictionary<string, JsonElement> inputs, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Starts a QUEUED run: status RUNNING, ready nodes dispatched, run timeout armed.</summary>
    public Decision Start(CompiledFlowchart flowchart, RunState state, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>A worker reports the attempt has begun (fills timings; no-op for stale attempts).</summary>
    public Decision OnNodeStarted(CompiledFlowchart flowchart, RunState state, string nodeId, int attempt, DateTimeOffset startedAt, string? worker) => throw new NotImplementedException();

    /// <summary>An attempt succeeded; follows success edges (branch ports gated by <paramref name="activatedPorts"/>), evaluates joins, dispatches what became ready, finishes the run when nothing is left.</summary>
    public Decision OnNodeSucceeded(CompiledFlowchart flowchart, RunState state, string nodeId, int attempt,
        IReadOnlyDictionary<string, JsonElement> outputs, IReadOnlyList<string>? activatedPorts, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>An attempt failed; retries per policy (a timer), else follows error edges, else fails the run.</summary>
    public Decision OnNodeFailed(CompiledFlowchart flowchart, RunState state, string nodeId, int attempt, NodeError error, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Fires every timer whose due time is at or before <paramref name="now"/>.</summary>
    public Decision OnTimersDue(CompiledFlowchart flowchart, RunState state, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>User cancel: status CANCELLED once running nodes have stopped (or the drain deadline passes), pending nodes skipped.</summary>
    public Decision Cancel(CompiledFlowchart flowchart, RunState state, string reason, DateTimeOffset now) => throw new NotImplementedException();
}
