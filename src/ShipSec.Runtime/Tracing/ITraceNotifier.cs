namespace ShipSec.Runtime.Tracing;

/// <summary>In-process signal that a run's trace grew; live views (SSE) subscribe to it.</summary>
public interface ITraceNotifier
{
    /// <summary>Called by the collector after a batch commits.</summary>
    void Stored(string runId, long lastSequence);

    /// <summary>Calls <paramref name="onStored"/> with the last stored sequence each time the run's trace grows, until disposed.</summary>
    IDisposable Subscribe(string runId, Action<long> onStored);
}
