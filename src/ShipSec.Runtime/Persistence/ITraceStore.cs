using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Persistence;

/// <summary>The append-only trace: stores batches with gap-free per-run sequences and pages them back.</summary>
public interface ITraceStore
{
    /// <summary>
    /// Stores the events whose ids are new, in the given order, assigning each run's next sequences, in one
    /// transaction; returns the events stored (with their sequences). Events already stored are skipped.
    /// </summary>
    Task<IReadOnlyList<StoredTraceEvent>> AppendAsync(IReadOnlyList<IncomingTraceEvent> events, CancellationToken cancellationToken);

    /// <summary>Whether the event with id <paramref name="eventId"/> is stored (committed).</summary>
    Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Events of a run with sequence greater than <paramref name="after"/>, in sequence order.</summary>
    Task<TracePage> ReadAsync(string runId, long after, int limit, CancellationToken cancellationToken);
}

/// <summary>One page of a run's trace.</summary>
public sealed record TracePage(IReadOnlyList<TraceEvent> Events, bool HasMore);
