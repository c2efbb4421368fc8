using System.Text.Json;
using System.Text.Json.Serialization;
using ShipSec.Contracts.Runs;

namespace ShipSec.Flowchart.State;

/// <summary>Everything the engine knows about one run; plain data, saved after every transition (the run store keeps each node and edge in a row of its own).</summary>
public sealed class RunState
{
    public string RunId { get; set; } = "";
    public string WorkflowId { get; set; } = "";
    public RunStatus Status { get; set; } = RunStatus.Queued;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public RunFailure? Failure { get; set; }
    /// <summary>Set while the run is ending (failed / cancelled / timed out) but nodes are still running; the final status once they drain.</summary>
    public RunStatus? PendingTerminalStatus { get; set; }
    /// <summary>The inputs the run was started with (already validated against the entry node's runtime inputs).</summary>
    public Dictionary<string, JsonElement> Inputs { get; set; } = [];
    public Dictionary<string, NodeState> Nodes { get; set; } = [];
    /// <summary>Resolution of every edge, keyed by edge id.</summary>
    public Dictionary<string, EdgeResolution> Edges { get; set; } = [];
    /// <summary>Timers the host must fire by calling <c>FlowchartEngine.OnTimersDue</c> once <see cref="RunTimer.DueAt"/> has passed.</summary>
    public List<RunTimer> Timers { get; set; } = [];

    /// <summary>Earliest timer due time, or null; the host indexes it to know when to wake the run.</summary>
    public DateTimeOffset? NextTimerDueAt => Timers.Count == 0 ? null : Timers.Min(t => t.DueAt);

}

/// <summary>Per-node state inside a run.</summary>
public sealed class NodeState
{
    public string NodeId { get; set; } = "";
    public NodeStatus Status { get; set; } = NodeStatus.Pending;
    /// <summary>Current (or last) attempt number, 1-based; 0 before the first dispatch.</summary>
    public int Attempt { get; set; }
    /// <summary>For joins <c>any</c>/<c>first</c>: the node has been triggered once, later arrivals are ignored.</summary>
    public bool Triggered { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Inputs resolved for the current attempt (what the module received).</summary>
    public Dictionary<string, JsonElement>? Inputs { get; set; }
    public Dictionary<string, JsonElement>? Outputs { get; set; }
    /// <summary>Branch ports the module activated; null means all success edges are followed.</summary>
    public List<string>? ActivatedPorts { get; set; }
    public NodeError? LastError { get; set; }
    public string? SkipReason { get; set; }
    /// <summary>History of attempts for node-io.</summary>
    public List<NodeAttempt> Attempts { get; set; } = [];

    /// <summary>The attempt currently (or last) dispatched, or null before the first dispatch.</summary>
    [JsonIgnore]
    public NodeAttempt? CurrentAttempt => Attempts.Count == 0 ? null : Attempts[^1];

    /// <summary>A deep copy (JSON values and errors are immutable and shared); the engine clones a node before its first change in a transition.</summary>
    public NodeState Clone() => new()
    {
        NodeId = NodeId,
        Status = Status,
        Attempt = Attempt,
        Triggered = Triggered,
        StartedAt = StartedAt,
        CompletedAt = CompletedAt,
        Inputs = Inputs is null ? null : new Dictionary<string, JsonElement>(Inputs),
        Outputs = Outputs is null ? null : new Dictionary<string, JsonElement>(Outputs),
        ActivatedPorts = ActivatedPorts is null ? null : [.. ActivatedPorts],
        LastError = LastError,
        SkipReason = SkipReason,
        Attempts = Attempts.Select(a => a.Clone()).ToList(),
    };
}

/// <summary>One attempt of a node.</summary>
public sealed class NodeAttempt
{
    public int Attempt { get; set; }
    public DateTimeOffset DispatchedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public NodeError? Error { get; set; }
    /// <summary>Which worker ran it (when known).</summary>
    public string? Worker { get; set; }

    /// <summary>A copy of this attempt.</summary>
    public NodeAttempt Clone() => (NodeAttempt)MemberwiseClone();
}

/// <summary>Node lifecycle inside the engine.</summary>
public enum NodeStatus
{
    Pending,
    Running,
    WaitingRetry,
    Succeeded,
    /// <summary>Failed for good (retries exhausted or not retryable).</summary>
    Failed,
    Skipped,
    Cancelled,
}

/// <summary>Whether an edge has been resolved and, if so, followed.</summary>
public enum EdgeResolution { Unresolved, Followed, NotFollowed }

/// <summary>A durable timer of a run: a retry back-off, the run timeout, or the drain deadline of an ending run.</summary>
public sealed record RunTimer(RunTimerKind Kind, DateTimeOffset DueAt, string? NodeId = null, int? Attempt = null);

/// <summary>What a timer is for.</summary>
public enum RunTimerKind { Retry, RunTimeout, Drain }

/// <summary>Helpers over <see cref="NodeStatus"/>.</summary>
public static class NodeStatusExtensions
{
    /// <summary>True when the node will not run (again) in this run.</summary>
    public static bool IsFinal(this NodeStatus status) =>
        status is NodeStatus.Succeeded or NodeStatus.Failed or NodeStatus.Skipped or NodeStatus.Cancelled;
}
