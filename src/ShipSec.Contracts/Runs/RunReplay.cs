using System.Text.Json;
using System.Text.Json.Serialization;
using ShipSec.Contracts.Trace;

namespace ShipSec.Contracts.Runs;

/// <summary>
/// A run as it stood at one moment, folded from its trace (<c>GET /workflows/runs/{runId}/state?at=T</c>, ARCHITECTURE §5.4):
/// the run's status and every node's state, progress, last log lines and artifacts, from the events up to that moment.
/// </summary>
public sealed record RunReplayState
{
    public string RunId { get; init; } = "";
    public string WorkflowId { get; init; } = "";
    public int WorkflowVersion { get; init; }
    /// <summary>The moment asked for; null when the state was folded from the whole trace (or up to a sequence).</summary>
    public DateTimeOffset? At { get; init; }
    /// <summary>The highest sequence folded in (0 before the first event); <c>GET …/trace?after=</c> continues from it.</summary>
    public long Cursor { get; init; }
    /// <summary>How many events were folded in.</summary>
    public long Events { get; init; }
    /// <summary>The run status the last WORKFLOW_STATUS event up to this moment set (QUEUED before any).</summary>
    public RunStatus Status { get; init; } = RunStatus.Queued;
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public RunProgress Progress { get; init; } = new(0, 0);
    public RunFailure? Failure { get; init; }
    /// <summary>Every node of the run's definition, in its topological order.</summary>
    public IReadOnlyList<NodeReplayState> Nodes { get; init; } = [];
}

/// <summary>One node at the replayed moment.</summary>
public sealed record NodeReplayState
{
    public string NodeId { get; init; } = "";
    public string ComponentId { get; init; } = "";
    public NodeReplayStatus Status { get; init; }
    /// <summary>The latest attempt begun (0 while idle).</summary>
    public int Attempt { get; init; }
    /// <summary>When the node's first attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>When the node finished for good (succeeded, failed, cancelled or skipped).</summary>
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>How long its latest finished attempt ran.</summary>
    public long? DurationMs { get; init; }
    /// <summary>The latest NODE_PROGRESS of the current attempt.</summary>
    public NodeProgressSnapshot? Progress { get; init; }
    /// <summary>How many NODE_LOG lines the node had written.</summary>
    public long LogLines { get; init; }
    /// <summary>Its last NODE_LOG lines (at most the requested number), oldest first.</summary>
    public IReadOnlyList<ReplayLogLine> LastLogs { get; init; } = [];
    public IReadOnlyList<ReplayArtifact> Artifacts { get; init; } = [];
    /// <summary>The error of its latest failed attempt, while that failure stands.</summary>
    public NodeError? Error { get; init; }
    /// <summary>NODE_COMPLETED's summary of the outputs.</summary>
    public JsonElement? OutputSummary { get; init; }
    public IReadOnlyList<string>? ActivatedPorts { get; init; }
    public string? SkipReason { get; init; }
}

/// <summary>A node's state on the timeline, as a studio colours it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeReplayStatus>))]
public enum NodeReplayStatus
{
    [JsonStringEnumMemberName("idle")] Idle,
    [JsonStringEnumMemberName("running")] Running,
    /// <summary>An attempt failed and another will follow.</summary>
    [JsonStringEnumMemberName("retrying")] Retrying,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>The data of a NODE_PROGRESS event.</summary>
public sealed record NodeProgressSnapshot(long? Current, long? Total, string? Unit, string Message, DateTimeOffset Timestamp);

/// <summary>One NODE_LOG line.</summary>
public sealed record ReplayLogLine(long Sequence, DateTimeOffset Timestamp, string Stream, string Line, TraceLevel Level);

/// <summary>The data of a NODE_ARTIFACT event.</summary>
public sealed record ReplayArtifact(string ArtifactId, string Name, string ContentType, long Size, string Sha256, DateTimeOffset Timestamp);

/// <summary>
/// What changed between two runs of one workflow (<c>GET /workflows/runs/{runId}/diff/{otherRunId}</c>): <see cref="Before"/> is
/// <c>runId</c>, <see cref="After"/> the other run. Nodes are matched by id.
/// </summary>
public sealed record RunDiff
{
    public string WorkflowId { get; init; } = "";
    public RunDiffSide Before { get; init; } = new();
    public RunDiffSide After { get; init; } = new();
    /// <summary>Nodes only the later run has (its workflow version added them).</summary>
    public IReadOnlyList<string> NodesAdded { get; init; } = [];
    /// <summary>Nodes only the earlier run has.</summary>
    public IReadOnlyList<string> NodesRemoved { get; init; } = [];
    /// <summary>Every node both runs have, with what changed; <see cref="NodeDiff.Changed"/> says whether anything did.</summary>
    public IReadOnlyList<NodeDiff> Nodes { get; init; } = [];
    /// <summary>How many of <see cref="Nodes"/> changed status or output summary.</summary>
    public int NodesChanged { get; init; }
}

/// <summary>One run of a diff.</summary>
public sealed record RunDiffSide
{
    public string RunId { get; init; } = "";
    public int WorkflowVersion { get; init; }
    public RunStatus Status { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public long? DurationMs { get; init; }
}

/// <summary>A node present in both runs.</summary>
public sealed record NodeDiff
{
    public string NodeId { get; init; } = "";
    public string ComponentId { get; init; } = "";
    public NodeReplayStatus StatusBefore { get; init; }
    public NodeReplayStatus StatusAfter { get; init; }
    public bool StatusChanged { get; init; }
    public JsonElement? OutputSummaryBefore { get; init; }
    public JsonElement? OutputSummaryAfter { get; init; }
    public bool OutputChanged { get; init; }
    public long? DurationMsBefore { get; init; }
    public long? DurationMsAfter { get; init; }
    /// <summary>After minus before, when both ran to an end.</summary>
    public long? DurationDeltaMs { get; init; }
    /// <summary>Status or output summary changed (a duration alone does not count).</summary>
    public bool Changed => StatusChanged || OutputChanged;
}
