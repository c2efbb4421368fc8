using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Persistence;

/// <summary>
/// A trace event on its way into the store: the fields the store keeps in columns, read from the event's contract JSON, and that
/// JSON as it arrived. The collector reads a batch this way instead of deserialising every event (its data included) and
/// serialising it again for the <c>json</c> column; the stored JSON is the arrived JSON with the assigned sequence written in.
/// </summary>
public sealed class IncomingTraceEvent
{
    private static readonly FrozenSet<string> TypeNames =
        Enum.GetValues<TraceEventType>().Select(TracePages.TypeName).ToFrozenSet(StringComparer.Ordinal);

    private ReadOnlyMemory<byte> _json;
    private int _sequenceStart;
    private int _sequenceLength;

    private IncomingTraceEvent()
    {
    }

    public string Id { get; private init; } = "";
    public string RunId { get; private init; } = "";
    public string? NodeId { get; private init; }

    /// <summary>The type's contract name (<c>NODE_LOG</c>, …), as the <c>type</c> column holds it.</summary>
    public string Type { get; private init; } = "";

    public DateTimeOffset Timestamp { get; private init; }

    /// <summary>The events of a batch: a UTF-8 JSON array of events in the contract's form, as <c>TraceEventBatch</c> carries them.</summary>
    /// <exception cref="InvalidDataException">The batch is not such an array, or an event lacks its id, run id, type or timestamp.</exception>
    public static List<IncomingTraceEvent> ReadBatch(ReadOnlyMemory<byte> eventsJson)
    {
        var reader = new Utf8JsonReader(eventsJson.Span);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                throw new InvalidDataException("A trace batch must be a JSON array of events.");
            var events = new List<IncomingTraceEvent>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) events.Add(ReadEvent(ref reader, eventsJson, events.Count));
            return events;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"A trace batch is not well-formed JSON: {e.Message}", e);
        }
    }

    /// <summary>One event as the collector would receive it (its contract JSON).</summary>
    public static IncomingTraceEvent From(TraceEvent traceEvent)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(traceEvent, ShipSecJson.Options);
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return ReadEvent(ref reader, json, 0);
    }

    /// <summary>The event's JSON with <paramref name="sequence"/> as its <c>sequence</c>: what the store keeps.</summary>
    public string JsonWithSequence(long sequence)
    {
        Span<byte> digits = stackalloc byte[24];
        var (before, after) = _sequenceLength > 0
            ? (_json[.._sequenceStart], _json[(_sequenceStart + _sequenceLength)..])
            : (_json[..1], _json[1..]);
        var written = 0;
        if (_sequenceLength == 0) written += Copy("\"sequence\":"u8, digits);
        sequence.TryFormat(digits[written..], out var length, provider: CultureInfo.InvariantCulture);
        written += length;
        if (_sequenceLength == 0) written += Copy(","u8, digits[written..]);

        var size = before.Length + written + after.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            before.Span.CopyTo(buffer);
            digits[..written].CopyTo(buffer.AsSpan(before.Length));
            after.Span.CopyTo(buffer.AsSpan(before.Length + written));
            return Encoding.UTF8.GetString(buffer, 0, size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> target)
    {
        source.CopyTo(target);
        return source.Length;
    }

    private static IncomingTraceEvent ReadEvent(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new InvalidDataException($"Trace event #{index} of the batch is not a JSON object.");
        var start = (int)reader.TokenStartIndex;
        string? id = null, runId = null, nodeId = null, type = null;
        DateTimeOffset? timestamp = null;
        int sequenceStart = 0, sequenceLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) id = ReadString(ref reader);
            else if (reader.ValueTextEquals("runId"u8)) runId = ReadString(ref reader);
            else if (reader.ValueTextEquals("nodeId"u8)) nodeId = ReadString(ref reader);
            else if (reader.ValueTextEquals("type"u8)) type = ReadString(ref reader);
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                timestamp = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value) ? value : null;
            }
            else if (reader.ValueTextEquals("sequence"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number) throw new InvalidDataException($"Trace event #{index} has a sequence that is not a number.");
                sequenceStart = (int)reader.TokenStartIndex - start;
                sequenceLength = reader.ValueSpan.Length;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        var end = (int)reader.BytesConsumed;

        if (string.IsNullOrEmpty(id)) throw new InvalidDataException($"Trace event #{index} of the batch has no id.");
        if (string.IsNullOrEmpty(runId)) throw new InvalidDataException($"Trace event '{id}' has no runId.");
        if (type is null || !TypeNames.Contains(type)) throw new InvalidDataException($"Trace event '{id}' has no known type (got '{type}').");
        if (timestamp is null) throw new InvalidDataException($"Trace event '{id}' has no ISO 8601 timestamp.");
        return new IncomingTraceEvent
        {
            Id = id,
            RunId = runId,
            NodeId = nodeId,
            Type = type,
            Timestamp = timestamp.Value,
            _json = source[start..end],
            _sequenceStart = sequenceStart,
            _sequenceLength = sequenceLength,
        };
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }
}

/// <summary>An event the store kept: its id, run and the sequence it was given.</summary>
public readonly record struct StoredTraceEvent(string Id, string RunId, long Sequence);
