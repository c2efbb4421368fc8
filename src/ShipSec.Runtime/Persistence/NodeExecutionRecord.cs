namespace ShipSec.Runtime.Persistence;

/// <summary>
/// One attempt of a node as a worker claimed it, keyed by (run, node, attempt): the claim makes a redelivered dispatch
/// a no-op, the lease says whether the worker is still alive, and the stored result lets a restarted orchestrator
/// re-read an outcome whose message it never consumed.
/// </summary>
public sealed class NodeExecutionRecord
{
    public string RunId { get; set; } = "";
    public string NodeId { get; set; } = "";
    public int Attempt { get; set; }
    /// <summary>One of <see cref="NodeExecutionStatus"/>.</summary>
    public string Status { get; set; } = NodeExecutionStatus.Running;
    /// <summary>Which worker process claimed the attempt.</summary>
    public string Worker { get; set; } = "";
    public DateTimeOffset ClaimedAt { get; set; }
    /// <summary>The worker holds the attempt until then; renewed while it runs.</summary>
    public DateTimeOffset LeaseExpiresAt { get; set; }
    /// <summary>Last time the module itself said it was alive.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The <c>NodeSucceeded</c> / <c>NodeFailed</c> message the attempt ended with, as an outbox body.</summary>
    public string? ResultType { get; set; }
    public string? ResultJson { get; set; }
}

/// <summary>States of a <see cref="NodeExecutionRecord"/>.</summary>
public static class NodeExecutionStatus
{
    public const string Running = "running";
    public const string Finished = "finished";
    /// <summary>The lease ran out; the orchestrator counted the attempt as lost and the worker's late result is dropped.</summary>
    public const string Lost = "lost";
}
