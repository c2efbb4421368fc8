using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.Extensions.Logging;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Engine;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Secrets;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Runtime.Orchestration;

/// <summary>
/// Carries out the commands of a committed engine decision: trace events first (flushed, so they are stored
/// before anything they precede), then node dispatches and cancellations.
/// </summary>
public sealed partial class EngineCommandExecutor(TraceEmitter trace, IBus bus, TimeProvider clock, ILogger<EngineCommandExecutor> logger)
{
    /// <summary>Carries out <paramref name="commands"/>; <paramref name="secretValues"/> are masked in the events and go with each dispatch so the worker masks them too.</summary>
    public async Task ExecuteAsync(string workflowId, IReadOnlyList<EngineCommand> commands, IReadOnlyList<string> secretValues,
        CancellationToken cancellationToken)
    {
        var emitted = false;
        var mask = new SecretMask(secretValues);
        foreach (var command in commands.OfType<EmitTrace>())
        {
            var e = Complete(command.Event, workflowId);
            trace.Emit(mask.IsEmpty ? e : e with
            {
                Message = e.Message is null ? null : mask.Text(e.Message),
                Data = e.Data is { } data ? mask.Json(data) : null,
            });
            emitted = true;
        }
        if (emitted) await trace.FlushAsync(cancellationToken);

        foreach (var command in commands)
        {
            switch (command)
            {
                case DispatchNode d:
                    await bus.Publish(new ExecuteNode
                    {
                        RunId = d.RunId,
                        WorkflowId = d.WorkflowId,
                        NodeId = d.NodeId,
                        ComponentId = d.ComponentId,
                        Attempt = d.Attempt,
                        Params = new(d.Params),
                        Inputs = new(d.Inputs),
                        RetryPolicy = d.RetryPolicy,
                        TimeoutSeconds = d.TimeoutSeconds,
                        SecretValues = [.. secretValues],
                    }, cancellationToken);
                    break;
                case CancelNode c:
                    await bus.Publish(new CancelNodeExecution(c.RunId, c.NodeId, c.Attempt, c.Reason), cancellationToken);
                    break;
                case RunFinished f:
                    LogRunFinished(f.RunId, f.Status.ToString(), f.Failure?.Reason);
                    break;
            }
        }
    }

    /// <summary>Fills what the engine may leave blank: a deterministic id (derived from the event's content), the workflow id, the time.</summary>
    private TraceEvent Complete(TraceEvent e, string workflowId)
    {
        if (string.IsNullOrEmpty(e.WorkflowId)) e = e with { WorkflowId = workflowId };
        if (e.Timestamp == default) e = e with { Timestamp = clock.GetUtcNow() };
        if (string.IsNullOrEmpty(e.Id))
        {
            var content = $"{e.Type}|{e.NodeId}|{e.Attempt}|{e.Message}|{e.Data?.GetRawText()}";
            var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..24];
            e = e with { Id = TraceEventIds.ForRun(e.RunId, "engine", digest) };
        }
        return e;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {Status} {Reason}")]
    private partial void LogRunFinished(string runId, string status, string? reason);
}
