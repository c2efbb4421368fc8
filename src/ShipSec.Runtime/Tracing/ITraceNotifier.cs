namespace ShipSec.Runtime.Tracing;

/// <summary>
/// The signal that a run's trace grew, from the collector to live views (SSE). The in-process implementation reaches views in the
/// same process; a shared-database implementation (PostgreSQL <c>LISTEN/NOTIFY</c>, or a bus fan-out) reaches every instance.
/// A signal is only a hint: subscribers read the store from their own cursor, may get signals coalesced or late, and poll the
/// store as a fallback, so a lost signal delays a view but never loses an event.
/// </summary>
public interface ITraceNotifier
{
    /// <summary>Called by the collector after the events up to <paramref name="lastSequence"/> of <paramref name="runId"/> committed.</summary>
    ValueTask StoredAsync(string runId, long lastSequence, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="onStored"/> with the last stored sequence each time the run's trace grows, until disposed; the callback
    /// must not block. A sequence of 0 means "it may have grown": signals were possibly missed and the store should be read again.
    /// </summary>
    IDisposable Subscribe(string runId, Action<long> onStored);
}
