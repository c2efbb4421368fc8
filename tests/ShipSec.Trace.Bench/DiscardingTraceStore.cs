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

    public Task<IReadOnlyList<TraceEvent>> AppendAsync(IReadOnlyList<TraceEvent> events, CancellationToken cancellationToken)
    {
        var numbered = new List<TraceEvent>(events.Count);
        foreach (var e in events) numbered.Add(e with { Sequence = _next.AddOrUpdate(e.RunId, 1, (_, last) => last + 1) });
        return Task.FromResult<IReadOnlyList<TraceEvent>>(numbered);
    }

    public Task<TracePage> ReadAsync(string runId, long after, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(new TracePage([], false));
}
