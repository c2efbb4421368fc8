using Microsoft.Extensions.Logging;
using ShipSec.Flowchart.Engine;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Secrets;

namespace ShipSec.Runtime.Orchestration;

/// <summary>
/// Turns the commands of an engine decision into the bus messages that carry them out, for the outbox of the
/// transaction that commits the decision: the trace events first (one batch, so they are stored before anything
/// they precede), then node dispatches and cancellations.
/// </summary>
public sealed partial class EngineCommandExecutor(ILogger<EngineCommandExecutor> logger)
{
    /// <summary>The messages for <paramref name="commands"/>; <paramref name="secretValues"/> are masked in the events and go with each dispatch so the worker masks them too.</summary>
    public IReadOnlyList<object> MessagesFor(IReadOnlyList<EngineCommand> commands, IReadOnlyList<string> secretValues)
    {
        var mask = new SecretMask(secretValues);
        var messages = new List<object>();
        var events = commands.OfType<EmitTrace>().Select(c => mask.Event(c.Event)).ToList();
        if (events.Count > 0) messages.Add(new TraceEventBatch(events));

        foreach (var command in commands)
        {
            switch (command)
            {
                case DispatchNode d:
                    messages.Add(Dispatch(d, secretValues));
                    break;
                case CancelNode c:
                    messages.Add(new CancelNodeExecution(c.RunId, c.NodeId, c.Attempt, c.Reason));
                    break;
            }
        }
        return messages;
    }

    /// <summary>Logs what a committed decision finished.</summary>
    public void Committed(IReadOnlyList<EngineCommand> commands)
    {
        foreach (var f in commands.OfType<RunFinished>())
            LogRunFinished(f.RunId, f.Status.ToString(), f.Failure?.Reason);
    }

    /// <summary>The worker's message for one dispatched attempt.</summary>
    public static ExecuteNode Dispatch(DispatchNode d, IReadOnlyList<string> secretValues) => new()
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
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {Status} {Reason}")]
    private partial void LogRunFinished(string runId, string status, string? reason);
}
