using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Messages;

/// <summary>Trace events on their way to the collector, in emission order.</summary>
public sealed record TraceEventBatch(List<TraceEvent> Events);
