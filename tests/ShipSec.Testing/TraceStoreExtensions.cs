using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Testing;

/// <summary>Storing <see cref="TraceEvent"/>s directly in tests: each goes through its contract JSON, as it would through the collector.</summary>
public static class TraceStoreExtensions
{
    public static Task<IReadOnlyList<StoredTraceEvent>> AppendAsync(this ITraceStore store, IReadOnlyList<TraceEvent> events,
        CancellationToken cancellationToken) =>
        store.AppendAsync(events.Select(IncomingTraceEvent.From).ToList(), cancellationToken);
}
