using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Runs;

namespace ShipSec.Runtime.Tracing;

/// <summary>
/// Follows one run for a live view: every stored trace event after a cursor, in sequence order and in pages; the status document
/// whenever it changes; and the end of the run once its terminal WORKFLOW_STATUS event has been delivered. It wakes on
/// <see cref="ITraceNotifier"/> signals and polls the store as well, so runs executed by another process are followed too.
/// Each read uses its own scope, so a long-lived view holds no database context.
/// </summary>
public sealed partial class RunTraceFeed(
    IServiceScopeFactory scopes,
    ITraceNotifier notifier,
    IOptions<TraceOptions> options,
    TimeProvider clock,
    ILogger<RunTraceFeed> logger)
{
    /// <summary>Items for <paramref name="runId"/> after sequence <paramref name="cursor"/> (0: from the first event), until the run completes.</summary>
    public async IAsyncEnumerable<RunFeedItem> FollowAsync(string runId, long cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value.Stream;
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = notifier.Subscribe(runId, _ => wake.Writer.TryWrite(true));
        Task<bool>? pendingWake = null;

        WorkflowRunStatus? sent = null;
        var statusDue = true;
        var statusReadAt = 0L;
        long? terminalSince = null;
        var terminalDelivered = false;
        while (true)
        {
            // The status is read before the trace is caught up: everything it reflects was stored before it was saved, so the
            // events that explain it are always delivered before it.
            WorkflowRunStatus? status = null;
            if (statusDue || clock.GetElapsedTime(statusReadAt) >= settings.PollInterval)
            {
                status = await ReadStatusAsync(runId, cancellationToken);
                statusReadAt = clock.GetTimestamp();
                statusDue = false;
            }

            while (true)
            {
                var page = await ReadTraceAsync(runId, cursor, settings.PageSize, cancellationToken);
                if (page.Events.Count > 0)
                {
                    cursor = page.Events[^1].Sequence;
                    statusDue |= page.Events.Any(ChangesStatus);
                    terminalDelivered |= page.Events.Any(IsTerminalStatus);
                    yield return new RunFeedItem.TraceBatch(page.Events, cursor);
                }
                if (!page.HasMore) break;
            }

            if (status is null)
            {
            }
            else if (!status.Status.IsTerminal())
            {
                if (Changed(sent, status)) yield return new RunFeedItem.StatusChanged(sent = status);
            }
            else
            {
                // The status row is saved before its trace event is stored, so a terminal status waits for that event.
                terminalDelivered = terminalDelivered || await TerminalEventDeliveredAsync(runId, status.Status, cursor, cancellationToken);
                terminalSince ??= clock.GetTimestamp();
                if (terminalDelivered || clock.GetElapsedTime(terminalSince.Value) >= settings.TerminalTraceGrace)
                {
                    if (!terminalDelivered) LogCompletedWithoutTerminalEvent(runId, status.Status.ToWire(), cursor);
                    if (Changed(sent, status)) yield return new RunFeedItem.StatusChanged(status);
                    yield return new RunFeedItem.Completed(runId, status.Status);
                    yield break;
                }
            }
            if (statusDue) continue;

            pendingWake ??= wake.Reader.WaitToReadAsync(cancellationToken).AsTask();
            try
            {
                await pendingWake.WaitAsync(settings.PollInterval, clock, cancellationToken);
                wake.Reader.TryRead(out _);
                pendingWake = null;
            }
            catch (TimeoutException)
            {
                // Nothing signalled: look at the store anyway (the run may be executed by another process).
            }
        }
    }

    /// <summary>Event types after which the status document may have changed: a node finished or started (its predecessor's success is saved), or the run's status moved.</summary>
    private static bool ChangesStatus(TraceEvent e) =>
        e.Type is TraceEventType.WorkflowStatus or TraceEventType.NodeCompleted or TraceEventType.NodeStarted or TraceEventType.NodeSkipped;

    private static bool IsTerminalStatus(TraceEvent e) =>
        e.Type == TraceEventType.WorkflowStatus
        && RunStatusExtensions.TryParseWire(e.Data?.String("status"), out var status)
        && status.IsTerminal();

    private static bool Changed(WorkflowRunStatus? before, WorkflowRunStatus now) =>
        before is null
        || before.Status != now.Status
        || before.Progress != now.Progress
        || before.Failure?.Reason != now.Failure?.Reason
        || before.Failure?.NodeId != now.Failure?.NodeId;

    private async Task<TracePage> ReadTraceAsync(string runId, long after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITraceStore>().ReadAsync(runId, after, limit, cancellationToken);
    }

    private async Task<WorkflowRunStatus> ReadStatusAsync(string runId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunQueries>().StatusAsync(runId, cancellationToken);
    }

    /// <summary>Whether the terminal WORKFLOW_STATUS event is stored at or before <paramref name="cursor"/> (a view that resumes after it).</summary>
    private async Task<bool> TerminalEventDeliveredAsync(string runId, RunStatus status, long cursor, CancellationToken cancellationToken)
    {
        // The engine gives each status event the id {runId}/status/{STATUS} (EngineTrace.WorkflowStatus).
        var eventId = $"{runId}/status/{status.ToWire()}";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        return await db.TraceEvents.AnyAsync(t => t.EventId == eventId && t.RunId == runId && t.Sequence <= cursor, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Run {RunId} is {Status} but its trace has no terminal WORKFLOW_STATUS event after the grace period; completing its stream at sequence {Cursor}")]
    private partial void LogCompletedWithoutTerminalEvent(string runId, string status, long cursor);
}
