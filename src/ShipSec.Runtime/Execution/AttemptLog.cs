using System.Text.Json;
using System.Text.Json.Nodes;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Pipeline;

namespace ShipSec.Runtime.Execution;

/// <summary>
/// The execution log of one attempt on this worker: events go on to the trace as they happen, except the closing
/// NODE_COMPLETED / NODE_FAILED, which are held back and committed with the attempt's result, so a worker that dies
/// before recording its result leaves no completion in the trace. NODE_STARTED carries the worker's name in its data.
/// </summary>
public sealed class AttemptLog(IExecutionLog inner, string worker) : IExecutionLog
{
    private readonly List<TraceEvent> _closing = [];

    /// <summary>The held-back closing events, in the order they were appended.</summary>
    public IReadOnlyList<TraceEvent> Closing => _closing;

    public void Append(TraceEvent traceEvent)
    {
        switch (traceEvent.Type)
        {
            case TraceEventType.NodeCompleted or TraceEventType.NodeFailed:
                lock (_closing) _closing.Add(traceEvent);
                break;
            case TraceEventType.NodeStarted:
                inner.Append(traceEvent with { Data = WithWorker(traceEvent.Data) });
                break;
            default:
                inner.Append(traceEvent);
                break;
        }
    }

    private JsonElement WithWorker(JsonElement? data)
    {
        var node = data is { ValueKind: JsonValueKind.Object } d ? JsonObject.Create(d)!.DeepClone().AsObject() : new JsonObject();
        node["worker"] = worker;
        return JsonSerializer.SerializeToElement(node, ShipSecJson.Options);
    }
}
