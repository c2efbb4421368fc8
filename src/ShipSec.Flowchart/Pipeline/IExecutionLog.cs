using ShipSec.Contracts.Trace;

namespace ShipSec.Flowchart.Pipeline;

/// <summary>Where the pipeline writes trace events; the runtime's trace bridge batches them to the collector.</summary>
public interface IExecutionLog
{
    /// <summary>Records one event; must not block on I/O (sequence numbers are assigned downstream).</summary>
    void Append(TraceEvent traceEvent);
}
