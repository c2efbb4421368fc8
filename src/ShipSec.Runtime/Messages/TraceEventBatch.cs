using System.Text.Json;
using System.Text.Json.Serialization;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Messages;

/// <summary>
/// Trace events on their way to the collector, in emission order, carried as their contract JSON (a UTF-8 array). Serialising
/// them once with the contract's own options costs about half of what the bus's general-purpose serialiser spends per event,
/// and events are the bulk of all bus traffic.
/// </summary>
public sealed record TraceEventBatch
{
    /// <summary>A batch of <paramref name="events"/>.</summary>
    public TraceEventBatch(IReadOnlyList<TraceEvent> events) => EventsJson = JsonSerializer.SerializeToUtf8Bytes(events, ShipSecJson.Options);

    /// <summary>The batch as the bus delivers it.</summary>
    [JsonConstructor]
    public TraceEventBatch(byte[] eventsJson) => EventsJson = eventsJson;

    /// <summary>The events as a JSON array in the contract's form (<see cref="ShipSecJson"/>).</summary>
    public byte[] EventsJson { get; }

    public List<TraceEvent> ReadEvents() => JsonSerializer.Deserialize<List<TraceEvent>>(EventsJson, ShipSecJson.Options) ?? [];
}
