using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Replay;

/// <summary>
/// Replay and diff (ARCHITECTURE §5.4): a run's state at any moment, folded from its stored trace with <see cref="TraceFold"/>,
/// and the differences between two runs of a workflow. The trace is read as a stream, so a long trace costs time, not memory.
/// </summary>
public sealed class RunReplayQueries(ShipSecDbContext db, IRunStore runs)
{
    public const int DefaultLogLines = 20;
    public const int MaxLogLines = 1000;

    /// <summary>
    /// The run folded from its events with a timestamp at or before <paramref name="at"/> (ISO 8601), or with a sequence at or
    /// below <paramref name="sequence"/>, or from all of them when both are absent; each node keeps its last <paramref name="logLines"/> lines.
    /// </summary>
    public async Task<RunReplayState> StateAsync(string runId, string? at, long? sequence, int? logLines, CancellationToken cancellationToken)
    {
        if (at is not null && sequence is not null)
            throw new InvalidRequestException("at", "Give either at (a moment) or sequence (an event), not both.");
        var moment = at is null ? (DateTimeOffset?)null : ParseMoment(at);
        if (sequence is < 0) throw new InvalidRequestException("sequence", $"sequence must be 0 or more; got {sequence}.");
        var lines = logLines ?? DefaultLogLines;
        if (lines is < 0 or > MaxLogLines)
            throw new InvalidRequestException("logLines", $"logLines must be between 0 and {MaxLogLines}; got {lines}.");

        var run = await LoadAsync(runId, cancellationToken);
        var fold = new TraceFold(Nodes(run), lines);
        await foreach (var e in EventsAsync(runId, moment, sequence, cancellationToken)) fold.Apply(e);
        return fold.Snapshot(run.RunId, run.WorkflowId, run.WorkflowVersion, moment);
    }

    /// <summary>What changed from run <paramref name="runId"/> to run <paramref name="otherRunId"/> of the same workflow.</summary>
    public async Task<RunDiff> DiffAsync(string runId, string otherRunId, CancellationToken cancellationToken)
    {
        var before = await LoadAsync(runId, cancellationToken);
        var after = await LoadAsync(otherRunId, cancellationToken);
        if (before.WorkflowId != after.WorkflowId)
        {
            throw new InvalidRequestException("otherRunId",
                $"Run '{runId}' belongs to workflow '{before.WorkflowId}' and run '{otherRunId}' to workflow '{after.WorkflowId}'; " +
                "a diff compares two runs of one workflow.");
        }
        var beforeState = await FinalStateAsync(before, cancellationToken);
        var afterState = await FinalStateAsync(after, cancellationToken);

        var afterNodes = afterState.Nodes.ToDictionary(n => n.NodeId, StringComparer.Ordinal);
        var beforeIds = beforeState.Nodes.Select(n => n.NodeId).ToHashSet(StringComparer.Ordinal);
        var nodes = beforeState.Nodes
            .Where(n => afterNodes.ContainsKey(n.NodeId))
            .Select(n => Compare(n, afterNodes[n.NodeId]))
            .ToList();
        return new RunDiff
        {
            WorkflowId = before.WorkflowId,
            Before = Side(beforeState),
            After = Side(afterState),
            NodesAdded = afterState.Nodes.Where(n => !beforeIds.Contains(n.NodeId)).Select(n => n.NodeId).ToList(),
            NodesRemoved = beforeState.Nodes.Where(n => !afterNodes.ContainsKey(n.NodeId)).Select(n => n.NodeId).ToList(),
            Nodes = nodes,
            NodesChanged = nodes.Count(n => n.Changed),
        };
    }

    /// <summary>Parses an ISO 8601 moment; a moment without an offset is UTC, and a '+' that arrived as a space (unencoded in a URL) is restored.</summary>
    public static DateTimeOffset ParseMoment(string text)
    {
        foreach (var candidate in new[] { text, text.Replace(' ', '+') })
        {
            if (DateTimeOffset.TryParse(candidate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
                return moment.ToUniversalTime();
        }
        throw new InvalidRequestException("at", $"at must be an ISO 8601 moment such as 2026-11-25T21:40:00Z; got '{text}'.");
    }

    private async Task<RunReplayState> FinalStateAsync(StoredRun run, CancellationToken cancellationToken)
    {
        var fold = new TraceFold(Nodes(run), lastLogLines: 0);
        await foreach (var e in EventsAsync(run.RunId, null, null, cancellationToken)) fold.Apply(e);
        return fold.Snapshot(run.RunId, run.WorkflowId, run.WorkflowVersion, null);
    }

    private async IAsyncEnumerable<TraceEvent> EventsAsync(string runId, DateTimeOffset? at, long? sequence,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = db.TraceEvents.AsNoTracking().Where(t => t.RunId == runId);
        if (at is { } moment) query = query.Where(t => t.Timestamp <= moment);
        if (sequence is { } last) query = query.Where(t => t.Sequence <= last);
        await foreach (var json in query.OrderBy(t => t.Sequence).Select(t => t.Json).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return JsonSerializer.Deserialize<TraceEvent>(json, ShipSecJson.Options)!;
    }

    private async Task<StoredRun> LoadAsync(string runId, CancellationToken cancellationToken) =>
        await runs.LoadAsync(runId, cancellationToken) ?? throw new NotFoundException($"Run '{runId}' does not exist.");

    private static IEnumerable<(string, string)> Nodes(StoredRun run) =>
        run.Definition.Actions.Select(a => (a.Ref, a.ComponentId));

    private static RunDiffSide Side(RunReplayState state) => new()
    {
        RunId = state.RunId,
        WorkflowVersion = state.WorkflowVersion,
        Status = state.Status,
        StartedAt = state.StartedAt,
        CompletedAt = state.CompletedAt,
        DurationMs = state is { StartedAt: { } started, CompletedAt: { } completed } ? (long)(completed - started).TotalMilliseconds : null,
    };

    private static NodeDiff Compare(NodeReplayState before, NodeReplayState after) => new()
    {
        NodeId = before.NodeId,
        ComponentId = after.ComponentId,
        StatusBefore = before.Status,
        StatusAfter = after.Status,
        StatusChanged = before.Status != after.Status,
        OutputSummaryBefore = before.OutputSummary,
        OutputSummaryAfter = after.OutputSummary,
        OutputChanged = (before.OutputSummary, after.OutputSummary) switch
        {
            (null, null) => false,
            ({ } summaryBefore, { } summaryAfter) => !JsonElement.DeepEquals(summaryBefore, summaryAfter),
            _ => true,
        },
        DurationMsBefore = before.DurationMs,
        DurationMsAfter = after.DurationMs,
        DurationDeltaMs = before.DurationMs is { } b && after.DurationMs is { } a ? a - b : null,
    };
}
