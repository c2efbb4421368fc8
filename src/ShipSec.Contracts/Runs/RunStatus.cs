using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShipSec.Contracts.Runs;

/// <summary>Lifecycle status of a run (ARCHITECTURE §4.3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    [JsonStringEnumMemberName("QUEUED")] Queued,
    [JsonStringEnumMemberName("RUNNING")] Running,
    [JsonStringEnumMemberName("COMPLETED")] Completed,
    [JsonStringEnumMemberName("FAILED")] Failed,
    [JsonStringEnumMemberName("CANCELLED")] Cancelled,
    [JsonStringEnumMemberName("TIMED_OUT")] TimedOut,
    [JsonStringEnumMemberName("AWAITING_INPUT")] AwaitingInput,
}

/// <summary>Helpers over <see cref="RunStatus"/>.</summary>
public static class RunStatusExtensions
{
    /// <summary>True when the run can change no more.</summary>
    public static bool IsTerminal(this RunStatus status) =>
        status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled or RunStatus.TimedOut;

    /// <summary>The contract spelling (QUEUED, TIMED_OUT, ...).</summary>
    public static string ToWire(this RunStatus status) => JsonSerializer.Serialize(status).Trim('"');

    /// <summary>The status whose contract spelling is exactly <paramref name="wire"/>; false for anything else (null included).</summary>
    public static bool TryParseWire(string? wire, out RunStatus status)
    {
        foreach (var candidate in Enum.GetValues<RunStatus>())
        {
            if (candidate.ToWire() != wire) continue;
            status = candidate;
            return true;
        }
        status = default;
        return false;
    }
}

/// <summary>The run-status document served by <c>GET /workflows/runs/{runId}/status</c>.</summary>
public sealed record WorkflowRunStatus
{
    public string RunId { get; init; } = "";
    public string WorkflowId { get; init; } = "";
    public int WorkflowVersion { get; init; }
    public RunStatus Status { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public RunProgress Progress { get; init; } = new(0, 0);
    public RunFailure? Failure { get; init; }
}

/// <summary>Completed versus total actions of a run.</summary>
public sealed record RunProgress(int CompletedActions, int TotalActions);

/// <summary>Why a run did not complete.</summary>
public sealed record RunFailure
{
    public string Reason { get; init; } = "";
    public string? NodeId { get; init; }
    public JsonElement? Details { get; init; }
}
