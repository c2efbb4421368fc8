using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

/// <summary>The trace events the scheduler itself produces, with deterministic ids so a re-sent decision is deduplicated.</summary>
public static class EngineTrace
{
    /// <summary>NODE_SKIPPED <c>{reason}</c>, id <c>{runId}/{nodeId}/skipped</c>.</summary>
    public static TraceEvent NodeSkipped(RunState state, string nodeId, string reason, DateTimeOffset now) => new()
    {
        Id = $"{state.RunId}/{nodeId}/skipped",
        RunId = state.RunId,
        WorkflowId = state.WorkflowId,
        NodeId = nodeId,
        Type = TraceEventType.NodeSkipped,
        Level = TraceLevel.Info,
        Timestamp = now,
        Message = reason,
        Data = JsonSerializer.SerializeToElement(new { reason }, ShipSecJson.Options),
    };

    /// <summary>
    /// NODE_FAILED for an attempt the host lost, id <c>{runId}/{nodeId}/{attempt}/failed</c> like the one a worker emits,
    /// so the trace holds one NODE_FAILED per failed attempt either way.
    /// </summary>
    public static TraceEvent NodeLost(RunState state, string nodeId, int attempt, NodeError error, bool willRetry, DateTimeOffset now) => new()
    {
        Id = $"{state.RunId}/{nodeId}/{attempt}/failed",
        RunId = state.RunId,
        WorkflowId = state.WorkflowId,
        NodeId = nodeId,
        Type = TraceEventType.NodeFailed,
        Level = TraceLevel.Error,
        Timestamp = now,
        Attempt = attempt,
        Message = error.Message,
        Data = JsonSerializer.SerializeToElement(new { error, attempt, willRetry }, ShipSecJson.Options),
    };

    /// <summary>WORKFLOW_STATUS <c>{status, failure?}</c>, id <c>{runId}/status/{STATUS}</c>.</summary>
    public static TraceEvent WorkflowStatus(RunState state, DateTimeOffset now)
    {
        var status = state.Status.ToWire();
        var failure = state.Status.IsTerminal() ? state.Failure : null;
        return new TraceEvent
        {
            Id = $"{state.RunId}/status/{status}",
            RunId = state.RunId,
            WorkflowId = state.WorkflowId,
            Type = TraceEventType.WorkflowStatus,
            Level = state.Status switch
            {
                RunStatus.Failed or RunStatus.TimedOut => TraceLevel.Error,
                RunStatus.Cancelled => TraceLevel.Warn,
                _ => TraceLevel.Info,
            },
            Timestamp = now,
            Message = failure is null ? $"Run {status}" : $"Run {status}: {failure.Reason}",
            Data = JsonSerializer.SerializeToElement(new { status, failure }, ShipSecJson.Options),
        };
    }
}
