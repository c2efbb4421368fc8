using System.Collections.Concurrent;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Trace.Bench;

/// <summary>
/// An <see cref="ITraceStore"/> that numbers the events and keeps none, put in place of the real store to measure what the
/// emitter, the bus and the collector cost on their own (the pipeline's ceiling).
/// </summary>
public sealed class DiscardingTraceStore : ITraceStore
{
    private readonly ConcurrentDictionary<string, long> _next = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _batchEnds = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<StoredTraceEvent>> AppendAsync(IReadOnlyList<IncomingTraceEvent> events, CancellationToken cancellationToken)
    {
        var numbered = new List<StoredTraceEvent>(events.Count);
        foreach (var e in events) numbered.Add(new StoredTraceEvent(e.Id, e.RunId, _next.AddOrUpdate(e.RunId, 1, (_, last) => last + 1)));
        // A pipelining emitter names the previous batch's last event; remembering those is enough to answer ContainsAsync.
        if (events.Count > 0) _batchEnds[events[^1].Id] = true;
        return Task.FromResult<IReadOnlyList<StoredTraceEvent>>(numbered);
    }

    public Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(_batchEnds.ContainsKey(eventId));

    public Task<TracePage> ReadAsync(string runId, long after, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(new TracePage([], false));
}
