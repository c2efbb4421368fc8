using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Compilation;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Artifacts;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Secrets;

namespace ShipSec.Runtime.Runs;

/// <summary>Read side of runs: lists, status, trace pages, node inputs/outputs and artifacts.</summary>
public sealed class RunQueries(ShipSecDbContext db, IRunStore runs, ITraceStore traces, IArtifactStore artifactStore,
    IComponentCatalog catalog, TimeProvider clock)
{
    public const int DefaultListLimit = 50;
    public const int MaxListLimit = 200;
    public const int DefaultTraceLimit = 500;
    public const int MaxTraceLimit = 5000;

    private static readonly JsonElement MaskedValue = JsonSerializer.SerializeToElement(SecretMask.Mask);

    public async Task<RunList> ListAsync(RunFilter filter, CancellationToken cancellationToken)
    {
        var limit = filter.Limit ?? DefaultListLimit;
        if (limit is < 1 or > MaxListLimit)
            throw new InvalidRequestException("limit", $"limit must be between 1 and {MaxListLimit}; got {limit}.");
        var offset = filter.Offset ?? 0;
        if (offset < 0)
            throw new InvalidRequestException("offset", $"offset must be 0 or more; got {offset}.");

        var query = db.Runs.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.WorkflowId)) query = query.Where(r => r.WorkflowId == filter.WorkflowId);
        if (!string.IsNullOrEmpty(filter.Status))
        {
            var status = ParseStatus(filter.Status).ToWire();
            query = query.Where(r => r.Status == status);
        }
        var rows = await Summaries(query.OrderByDescending(r => r.CreatedAt).Skip(offset).Take(limit)).ToListAsync(cancellationToken);
        return new RunList(rows.Select(ToSummary).ToList());
    }

    public async Task<RunSummary> GetAsync(string runId, CancellationToken cancellationToken)
    {
        var row = await Summaries(db.Runs.AsNoTracking().Where(r => r.Id == runId)).FirstOrDefaultAsync(cancellationToken)
            ?? throw RunNotFound(runId);
        return ToSummary(row);
    }

    public async Task<WorkflowRunStatus> StatusAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await LoadAsync(runId, cancellationToken);
        var state = run.State;
        return new WorkflowRunStatus
        {
            RunId = run.RunId,
            WorkflowId = run.WorkflowId,
            WorkflowVersion = run.WorkflowVersion,
            Status = state.Status,
            StartedAt = state.StartedAt ?? state.CreatedAt,
            UpdatedAt = state.UpdatedAt,
            CompletedAt = state.CompletedAt,
            Progress = RunProgressCalculator.Calculate(state),
            Failure = state.Failure is { } failure ? Masked(failure, MaskOf(run)) : null,
        };
    }

    public async Task<TraceEnvelope> TraceAsync(string runId, long? after, int? limit, CancellationToken cancellationToken)
    {
        var from = after ?? 0;
        if (from < 0) throw new InvalidRequestException("after", $"after must be 0 or more; got {from}.");
        var take = limit ?? DefaultTraceLimit;
        if (take is < 1 or > MaxTraceLimit)
            throw new InvalidRequestException("limit", $"limit must be between 1 and {MaxTraceLimit}; got {take}.");
        await EnsureExistsAsync(runId, cancellationToken);

        var page = await traces.ReadAsync(runId, from, take, cancellationToken);
        var cursor = page.Events.Count == 0 ? from : page.Events[^1].Sequence;
        return new TraceEnvelope(runId, page.Events, cursor, page.HasMore);
    }

    public async Task<NodeIoList> NodeIoAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await LoadAsync(runId, cancellationToken);
        var mask = MaskOf(run);
        var nodes = run.Definition.Actions.Select(a => NodeIoOf(run, a, mask)).ToList();
        return new NodeIoList(runId, nodes);
    }

    public async Task<NodeIo> NodeIoAsync(string runId, string nodeId, CancellationToken cancellationToken)
    {
        var run = await LoadAsync(runId, cancellationToken);
        var action = run.Definition.Actions.FirstOrDefault(a => a.Ref == nodeId)
            ?? throw new NotFoundException($"Run '{runId}' has no node '{nodeId}'.");
        return NodeIoOf(run, action, MaskOf(run));
    }

    public async Task<ArtifactList> ArtifactsAsync(string runId, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(runId, cancellationToken);
        var rows = await db.Artifacts.AsNoTracking().Where(a => a.RunId == runId).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        return new ArtifactList(runId, rows.Select(ToView).ToList());
    }

    /// <summary>Opens an artifact of a run for download; the caller disposes the stream.</summary>
    public async Task<ArtifactContent> OpenArtifactAsync(string runId, string artifactId, CancellationToken cancellationToken)
    {
        var record = await db.Artifacts.AsNoTracking().FirstOrDefaultAsync(a => a.RunId == runId && a.Id == artifactId, cancellationToken)
            ?? throw new NotFoundException($"Run '{runId}' has no artifact '{artifactId}'.");
        var stream = await artifactStore.OpenReadAsync(record.StorageKey, cancellationToken)
            ?? throw new NotFoundException($"The content of artifact '{artifactId}' is no longer in the artifact store.");
        return new ArtifactContent(ToView(record), stream);
    }

    /// <summary>Parses a run status in its contract spelling (case-insensitive), or throws <see cref="InvalidRequestException"/>.</summary>
    public static RunStatus ParseStatus(string value)
    {
        foreach (var status in Enum.GetValues<RunStatus>())
        {
            if (string.Equals(status.ToWire(), value, StringComparison.OrdinalIgnoreCase)) return status;
        }
        throw new InvalidRequestException("status",
            $"Unknown status '{value}'; use one of {string.Join(", ", Enum.GetValues<RunStatus>().Select(s => s.ToWire()))}.");
    }

    private IQueryable<SummaryRow> Summaries(IQueryable<RunRecord> runsQuery) =>
        from r in runsQuery
        select new SummaryRow(
            r,
            db.Workflows.Where(w => w.Id == r.WorkflowId).Select(w => w.Name).FirstOrDefault(),
            db.RunTraceCounters.Where(c => c.RunId == r.Id).Select(c => c.NextSequence - 1).FirstOrDefault());

    private RunSummary ToSummary(SummaryRow row)
    {
        var r = row.Run;
        var end = r.CompletedAt ?? clock.GetUtcNow();
        return new RunSummary
        {
            Id = r.Id,
            WorkflowId = r.WorkflowId,
            WorkflowName = row.WorkflowName,
            WorkflowVersion = r.WorkflowVersion,
            Status = ReadStatus(r.Status),
            StartTime = r.StartedAt ?? r.CreatedAt,
            EndTime = r.CompletedAt,
            Duration = Math.Max(0, (long)(end - (r.StartedAt ?? r.CreatedAt)).TotalMilliseconds),
            NodeCount = r.TotalActions,
            EventCount = row.EventCount,
            IdempotencyKey = r.IdempotencyKey,
        };
    }

    private static RunStatus ReadStatus(string wire) =>
        RunStatusExtensions.TryParseWire(wire, out var status) ? status : throw new InvalidOperationException($"A run row holds the unknown status '{wire}'.");

    private static SecretMask MaskOf(StoredRun run) => new(RunSecrets.Of(run.Definition, run.State));

    private NodeIo NodeIoOf(StoredRun run, DefinitionAction action, SecretMask mask)
    {
        var node = run.State.Nodes.GetValueOrDefault(action.Ref) ?? new NodeState { NodeId = action.Ref };
        var (secretInputs, secretOutputs) = SecretPorts(action);
        var startedAt = node.StartedAt ?? node.Attempts.FirstOrDefault()?.StartedAt ?? node.Attempts.FirstOrDefault()?.DispatchedAt;
        return new NodeIo
        {
            NodeId = action.Ref,
            ComponentId = action.ComponentId,
            Label = run.Definition.Nodes.GetValueOrDefault(action.Ref)?.Label,
            Status = StatusOf(node.Status),
            Attempts = node.Attempts.Select(a => new NodeIoAttempt(a.Attempt, a.StartedAt ?? a.DispatchedAt, a.CompletedAt, Masked(a.Error, mask))).ToList(),
            StartedAt = startedAt,
            CompletedAt = node.CompletedAt,
            DurationMs = startedAt is { } s && node.CompletedAt is { } c ? Math.Max(0, (long)(c - s).TotalMilliseconds) : null,
            Inputs = Masked(node.Inputs, secretInputs, mask),
            Outputs = Masked(node.Outputs, secretOutputs, mask),
            Error = Masked(node.LastError, mask),
            SkipReason = node.SkipReason,
        };
    }

    private static string StatusOf(NodeStatus status) => status switch
    {
        NodeStatus.Pending => "pending",
        NodeStatus.Running or NodeStatus.WaitingRetry => "running",
        NodeStatus.Succeeded => "completed",
        NodeStatus.Failed => "failed",
        NodeStatus.Skipped => "skipped",
        NodeStatus.Cancelled => "cancelled",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Ids of the node's inputs and outputs whose values are secrets; empty when the component is no longer installed.</summary>
    private (HashSet<string> Inputs, HashSet<string> Outputs) SecretPorts(DefinitionAction action)
    {
        var component = catalog.Find(action.ComponentId);
        if (component is null) return ([], []);
        PortSet ports;
        try
        {
            ports = catalog.ResolvePorts(component, action.Params);
        }
        catch (PortResolutionException)
        {
            return ([], []);
        }
        static HashSet<string> Secret(IEnumerable<Contracts.Components.PortDescriptor> p) =>
            p.Where(SecretMask.IsSecret).Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var outputs = Secret(ports.Outputs);
        // The entry point receives each runtime input under the id of the output it becomes.
        return ([.. Secret(ports.Inputs), .. outputs], outputs);
    }

    /// <summary>Values of secret ports are replaced whole; secret run inputs are masked wherever else they flowed.</summary>
    private static Dictionary<string, JsonElement>? Masked(Dictionary<string, JsonElement>? values, HashSet<string> secretPorts, SecretMask mask) =>
        values?.ToDictionary(kv => kv.Key, kv => secretPorts.Contains(kv.Key) ? MaskedValue : mask.Json(kv.Value), StringComparer.Ordinal);

    private static RunFailure Masked(RunFailure failure, SecretMask mask) =>
        mask.IsEmpty ? failure : failure with { Reason = mask.Text(failure.Reason), Details = failure.Details is { } d ? mask.Json(d) : null };

    private static NodeError? Masked(NodeError? error, SecretMask mask) =>
        error is null || mask.IsEmpty ? error : error with { Message = mask.Text(error.Message), Details = error.Details is { } d ? mask.Json(d) : null };

    private async Task<StoredRun> LoadAsync(string runId, CancellationToken cancellationToken) =>
        await runs.LoadAsync(runId, cancellationToken) ?? throw RunNotFound(runId);

    private async Task EnsureExistsAsync(string runId, CancellationToken cancellationToken)
    {
        if (!await db.Runs.AnyAsync(r => r.Id == runId, cancellationToken)) throw RunNotFound(runId);
    }

    private static NotFoundException RunNotFound(string runId) => new($"Run '{runId}' does not exist.");

    private static ArtifactView ToView(ArtifactRecord a) =>
        new(a.Id, a.RunId, a.NodeId, a.Name, a.ContentType, a.Size, a.Sha256, a.CreatedAt);

    private sealed record SummaryRow(RunRecord Run, string? WorkflowName, long EventCount);
}
