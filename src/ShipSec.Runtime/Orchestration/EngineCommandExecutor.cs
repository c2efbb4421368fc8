using MassTransit;
using Microsoft.Extensions.Logging;
using ShipSec.Flowchart.Engine;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Secrets;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Runtime.Orchestration;

/// <summary>
/// Carries out the commands of a committed engine decision: trace events first (flushed, so they are stored
/// before anything they precede), then node dispatches and cancellations.
/// </summary>
public sealed partial class EngineCommandExecutor(TraceEmitter trace, IBus bus, ILogger<EngineCommandExecutor> logger)
{
    /// <summary>Carries out <paramref name="commands"/>; <paramref name="secretValues"/> are masked in the events and go with each dispatch so the worker masks them too.</summary>
    public async Task ExecuteAsync(IReadOnlyList<EngineCommand> commands, IReadOnlyList<string> secretValues, CancellationToken cancellationToken)
    {
        var emitted = false;
        var mask = new SecretMask(secretValues);
        foreach (var command in commands.OfType<EmitTrace>())
        {
            trace.Emit(mask.Event(command.Event));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {Status} {Reason}")]
    private partial void LogRunFinished(string runId, string status, string? reason);
}
