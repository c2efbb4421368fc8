using System.Text.Json;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

/// <summary>Something the host must do because of a transition; the engine itself does no I/O.</summary>
public abstract record EngineCommand;

/// <summary>Run one attempt of a node on a worker. Keyed by (run, node, attempt): executing it twice must change nothing.</summary>
public sealed record DispatchNode(
    string RunId,
    string WorkflowId,
    string NodeId,
    string ComponentId,
    int Attempt,
    IReadOnlyDictionary<string, JsonElement> Params,
    IReadOnlyDictionary<string, JsonElement> Inputs,
    RetryPolicy RetryPolicy,
    int? TimeoutSeconds) : EngineCommand;

/// <summary>Stop a running attempt (run cancelled, failed, timed out, or superseded by a <c>first</c> join).</summary>
public sealed record CancelNode(string RunId, string NodeId, int Attempt, string Reason) : EngineCommand;

/// <summary>Record a trace event the scheduler produced (NODE_SKIPPED, WORKFLOW_STATUS); sequence is assigned by the collector.</summary>
public sealed record EmitTrace(TraceEvent Event) : EngineCommand;

/// <summary>The run reached a terminal status.</summary>
public sealed record RunFinished(string RunId, RunStatus Status, RunFailure? Failure) : EngineCommand;

/// <summary>The new state after a transition and the commands it causes, to be committed together.</summary>
public sealed record Decision(RunState State, IReadOnlyList<EngineCommand> Commands)
{
    /// <summary>True when the input changed nothing (duplicate or stale delivery).</summary>
    public bool IsNoOp { get; init; }
}
