using System.Text.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Runs;

/// <summary>What <c>POST /workflows/{id}/run</c> takes: runtime input values and, optionally, the version to run (latest by default).</summary>
public sealed record StartRunRequest
{
    public Dictionary<string, JsonElement>? Inputs { get; init; }
    public int? Version { get; init; }
}

/// <summary>Answer to a run request: the run's id and status (a repeated Idempotency-Key returns the existing run).</summary>
public sealed record RunAccepted(string RunId, string WorkflowId, int WorkflowVersion, RunStatus Status);

/// <summary>Answer to a cancel request.</summary>
public sealed record RunCancelAccepted(string Status, string RunId);

/// <summary>A run in lists and <c>GET /workflows/runs/{runId}</c>.</summary>
public sealed record RunSummary
{
    public required string Id { get; init; }
    public required string WorkflowId { get; init; }
    public string? WorkflowName { get; init; }
    public required int WorkflowVersion { get; init; }
    public required RunStatus Status { get; init; }
    public required DateTimeOffset StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>Milliseconds from start to end, or to now while the run is active.</summary>
    public required long Duration { get; init; }
    public required int NodeCount { get; init; }
    public required long EventCount { get; init; }
    public string? IdempotencyKey { get; init; }
}

/// <summary><c>GET /workflows/runs</c>.</summary>
public sealed record RunList(IReadOnlyList<RunSummary> Runs);

/// <summary>Filters of the run list; <see cref="Status"/> is a contract spelling (QUEUED, RUNNING, ...).</summary>
public sealed record RunFilter(string? WorkflowId, string? Status, int? Limit, int? Offset);

/// <summary>One page of a run's trace; <see cref="Cursor"/> is the last sequence returned (pass it as <c>after</c>).</summary>
public sealed record TraceEnvelope(string RunId, IReadOnlyList<TraceEvent> Events, long Cursor, bool HasMore);

/// <summary><c>GET …/node-io</c>.</summary>
public sealed record NodeIoList(string RunId, IReadOnlyList<NodeIo> Nodes);

/// <summary>What a node received and produced, its attempts and timings; secret values are masked.</summary>
public sealed record NodeIo
{
    public required string NodeId { get; init; }
    public required string ComponentId { get; init; }
    public string? Label { get; init; }
    /// <summary><c>pending</c>, <c>running</c>, <c>completed</c>, <c>failed</c>, <c>skipped</c> or <c>cancelled</c>.</summary>
    public required string Status { get; init; }
    public required IReadOnlyList<NodeIoAttempt> Attempts { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public long? DurationMs { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Inputs { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Outputs { get; init; }
    public NodeError? Error { get; init; }
    public string? SkipReason { get; init; }
}

/// <summary>One attempt of a node in node-io.</summary>
public sealed record NodeIoAttempt(int Attempt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, NodeError? Error);

/// <summary><c>GET …/artifacts</c>.</summary>
public sealed record ArtifactList(string RunId, IReadOnlyList<ArtifactView> Artifacts);

/// <summary>An artifact's metadata.</summary>
public sealed record ArtifactView(string Id, string RunId, string NodeId, string Name, string ContentType, long Size, string Sha256, DateTimeOffset CreatedAt);

/// <summary>An artifact opened for download.</summary>
public sealed record ArtifactContent(ArtifactView Artifact, Stream Content);
