using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;

namespace ShipSec.Flowchart.Pipeline;

/// <summary>
/// The execution-log hook: NODE_STARTED before the attempt, NODE_COMPLETED or NODE_FAILED after it. Ids are
/// <c>{runId}/{nodeId}/{attempt}/started|completed|failed</c>, so a redelivered attempt produces duplicates the collector drops.
/// Place <see cref="ExceptionHandlingMiddleware"/> inside it so every attempt ends with an outcome.
/// </summary>
public sealed class ExecutionLogMiddleware : INodeExecutionMiddleware
{
    /// <inheritdoc />
    public async Task InvokeAsync(NodeExecutionContext context, NodeExecutionDelegate next)
    {
        var startedAt = context.Clock.GetTimestamp();
        context.Log.Append(Event(context, TraceEventType.NodeStarted, "started", TraceLevel.Info,
            $"Started {context.ComponentId} (attempt {context.Attempt})",
            new { componentId = context.ComponentId, attempt = context.Attempt, inputsSummary = ValueSummary.Of(context.Inputs) }));

        await next(context);

        var durationMs = (long)context.Clock.GetElapsedTime(startedAt).TotalMilliseconds;
        switch (context.Outcome)
        {
            case NodeOutcome.Succeeded succeeded:
                context.Log.Append(Event(context, TraceEventType.NodeCompleted, "completed", TraceLevel.Info,
                    $"Completed in {durationMs} ms",
                    new { durationMs, outputSummary = ValueSummary.Of(succeeded.Outputs), activatedPorts = succeeded.ActivatedPorts }));
                break;
            case NodeOutcome.Failed failed:
                context.Log.Append(Event(context, TraceEventType.NodeFailed, "failed", TraceLevel.Error,
                    failed.Error.Message,
                    new { error = failed.Error, attempt = context.Attempt, willRetry = failed.WillRetry }));
                break;
        }
    }

    private static TraceEvent Event(NodeExecutionContext context, TraceEventType type, string suffix, TraceLevel level, string message, object data) => new()
    {
        Id = $"{context.RunId}/{context.NodeId}/{context.Attempt}/{suffix}",
        RunId = context.RunId,
        WorkflowId = context.WorkflowId,
        NodeId = context.NodeId,
        Type = type,
        Level = level,
        Timestamp = context.Clock.GetUtcNow(),
        Attempt = context.Attempt,
        Message = message,
        Data = JsonSerializer.SerializeToElement(data, ShipSecJson.Options),
    };
}
