using System.Text.Json;
using System.Text.Json.Serialization;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Messages;

/// <summary>
/// Trace events on their way to the collector, in emission order, carried as their contract JSON (a UTF-8 array). Serialising
/// them once with the contract's own options costs about half of what the bus's general-purpose serialiser spends per event,
/// and events are the bulk of all bus traffic.
/// <para>
/// An emitter with more than one batch in flight names in <see cref="After"/> the last event of the batch this one follows, so
/// the collector can keep the emission order whatever order the batches arrive in.
/// </para>
/// </summary>
public sealed record TraceEventBatch
{
    /// <summary>A batch of <paramref name="events"/>.</summary>
    public TraceEventBatch(IReadOnlyList<TraceEvent> events, string? after = null)
    {
        EventsJson = JsonSerializer.SerializeToUtf8Bytes(events, ShipSecJson.Options);
        After = after;
    }

    /// <summary>The batch as the bus delivers it.</summary>
    [JsonConstructor]
    public TraceEventBatch(byte[] eventsJson, string? after)
    {
        EventsJson = eventsJson;
        After = after;
    }

    /// <summary>The events as a JSON array in the contract's form (<see cref="ShipSecJson"/>).</summary>
    public byte[] EventsJson { get; }

    /// <summary>
    /// Id of the last event of the batch this one must be stored after, while that batch is still unacknowledged; null when
    /// every earlier batch of the emitter is stored. A collector that does not find it stores nothing and answers
    /// <see cref="TraceBatchDeferred"/>.
    /// </summary>
    public string? After { get; init; }

    public List<TraceEvent> ReadEvents() => JsonSerializer.Deserialize<List<TraceEvent>>(EventsJson, ShipSecJson.Options) ?? [];
}
