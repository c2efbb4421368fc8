namespace ShipSec.Runtime.Bus;

/// <summary>The queues of the runtime (docs/operations.md describes each, with its retry and dead-letter settings).</summary>
public static class QueueNames
{
    /// <summary>StartRun and CancelRun, consumed by orchestrators.</summary>
    public const string RunCommands = "shipsec-run-commands";

    /// <summary>NodeSucceeded and NodeFailed, consumed by orchestrators.</summary>
    public const string NodeResults = "shipsec-node-results";

    /// <summary>ExecuteNode, shared by every worker: each attempt goes to one of them.</summary>
    public const string NodeDispatch = "shipsec-node-dispatch";

    /// <summary>TraceEventBatch, consumed by one collector at a time (single active consumer) so batches are stored in order.</summary>
    public const string TraceBatches = "shipsec-trace-batches";

    /// <summary>Prefix of each worker's own temporary queue for CancelNodeExecution (every worker sees every cancel).</summary>
    public const string NodeCancelPrefix = "shipsec-node-cancel";
}
