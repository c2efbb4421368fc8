using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Messages;

/// <summary>
/// Trace events on their way to the collector, in emission order, carried as their contract JSON (a UTF-8 array). Serialising
/// them once with the contract's own options costs about half of what the bus's general-purpose serialiser spends per event,
/// and events are the bulk of all bus traffic.
/// </summary>
public sealed record TraceEventBatch(byte[] EventsJson)
{
    public static TraceEventBatch Of(IReadOnlyList<TraceEvent> events) => new(JsonSerializer.SerializeToUtf8Bytes(events, ShipSecJson.Options));

    public List<TraceEvent> ReadEvents() => JsonSerializer.Deserialize<List<TraceEvent>>(EventsJson, ShipSecJson.Options) ?? [];
}
