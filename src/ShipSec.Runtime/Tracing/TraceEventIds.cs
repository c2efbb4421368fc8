namespace ShipSec.Runtime.Tracing;

/// <summary>
/// Deterministic trace event ids for what a module reports, in the scheme of the engine and the pipeline
/// (<c>{runId}/{nodeId}/{attempt}/…</c>), so the events of a redelivered attempt are stored once.
/// </summary>
public static class TraceEventIds
{
    /// <summary>The id of the <paramref name="n"/>-th event of <paramref name="kind"/> (log, progress, artifact) emitted by one attempt of a node.</summary>
    public static string ForAttempt(string runId, string nodeId, int attempt, string kind, long n) =>
        $"{runId}/{nodeId}/{attempt}/{kind}/{n}";
}
