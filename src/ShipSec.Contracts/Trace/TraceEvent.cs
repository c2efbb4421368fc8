using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShipSec.Contracts.Trace;

/// <summary>One step of a run as the trace records it (ARCHITECTURE §4.4). <see cref="Sequence"/> is 0 until the collector stores it.</summary>
public sealed record TraceEvent
{
    /// <summary>Stable and unique; the idempotency key (a re-sent event with the same id is ignored).</summary>
    public string Id { get; init; } = "";
    public string RunId { get; init; } = "";
    public string WorkflowId { get; init; } = "";
    public string? NodeId { get; init; }
    public long Sequence { get; init; }
    public TraceEventType Type { get; init; }
    public TraceLevel Level { get; init; } = TraceLevel.Info;
    public DateTimeOffset Timestamp { get; init; }
    public int? Attempt { get; init; }
    public string? Message { get; init; }
    public JsonElement? Data { get; init; }
}

/// <summary>The NODE_* event types.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraceEventType>))]
public enum TraceEventType
{
    [JsonStringEnumMemberName("NODE_STARTED")] NodeStarted,
    [JsonStringEnumMemberName("NODE_LOG")] NodeLog,
    [JsonStringEnumMemberName("NODE_PROGRESS")] NodeProgress,
    [JsonStringEnumMemberName("NODE_ARTIFACT")] NodeArtifact,
    [JsonStringEnumMemberName("NODE_COMPLETED")] NodeCompleted,
    [JsonStringEnumMemberName("NODE_FAILED")] NodeFailed,
    [JsonStringEnumMemberName("NODE_SKIPPED")] NodeSkipped,
    [JsonStringEnumMemberName("WORKFLOW_STATUS")] WorkflowStatus,
}

/// <summary>Severity of a trace event.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraceLevel>))]
public enum TraceLevel
{
    [JsonStringEnumMemberName("debug")] Debug,
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warn")] Warn,
    [JsonStringEnumMemberName("error")] Error,
}
