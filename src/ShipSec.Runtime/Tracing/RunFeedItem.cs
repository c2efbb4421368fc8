using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Tracing;

/// <summary>One thing a live view of a run is told, in the order it must be told.</summary>
public abstract record RunFeedItem
{
    private RunFeedItem()
    {
    }

    /// <summary>Stored events in sequence order; <see cref="Cursor"/> is the last one's sequence (resume after it).</summary>
    public sealed record TraceBatch(IReadOnlyList<TraceEvent> Events, long Cursor) : RunFeedItem;

    /// <summary>The run's status document changed (status, progress or failure).</summary>
    public sealed record StatusChanged(WorkflowRunStatus Run) : RunFeedItem;

    /// <summary>The run ended and its terminal WORKFLOW_STATUS event was delivered; nothing follows.</summary>
    public sealed record Completed(string RunId, RunStatus Status) : RunFeedItem;
}
