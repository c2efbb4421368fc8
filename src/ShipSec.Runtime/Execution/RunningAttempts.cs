using System.Collections.Concurrent;

namespace ShipSec.Runtime.Execution;

/// <summary>
/// The node attempts this worker is running, by (run, node, attempt): a cancel request reaches the right one, the
/// lease renewer knows which leases to extend, and module heartbeats are noted until the next renewal.
/// </summary>
public sealed class RunningAttempts
{
    private readonly ConcurrentDictionary<AttemptKey, CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<AttemptKey, byte> _heartbeats = new();

    /// <summary>Registers an attempt; false when the same attempt is already running here (a duplicate delivery).</summary>
    public bool TryAdd(string runId, string nodeId, int attempt, CancellationTokenSource cancellation) =>
        _running.TryAdd(new(runId, nodeId, attempt), cancellation);

    public void Remove(string runId, string nodeId, int attempt)
    {
        _running.TryRemove(new(runId, nodeId, attempt), out _);
        _heartbeats.TryRemove(new(runId, nodeId, attempt), out _);
    }

    /// <summary>Cancels the attempt if it runs here; false otherwise.</summary>
    public bool Cancel(string runId, string nodeId, int attempt)
    {
        if (!_running.TryGetValue(new(runId, nodeId, attempt), out var cancellation)) return false;
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        return true;
    }

    /// <summary>Notes that the module running the attempt said it is alive.</summary>
    public void Heartbeat(string runId, string nodeId, int attempt)
    {
        var key = new AttemptKey(runId, nodeId, attempt);
        if (_running.ContainsKey(key)) _heartbeats[key] = 0;
    }

    /// <summary>The attempts running now, and those whose module heartbeated since the last call.</summary>
    public (IReadOnlyCollection<AttemptKey> Running, IReadOnlySet<AttemptKey> Heartbeats) TakeSnapshot()
    {
        var heartbeats = new HashSet<AttemptKey>();
        foreach (var key in _heartbeats.Keys)
        {
            if (_heartbeats.TryRemove(key, out _)) heartbeats.Add(key);
        }
        return ([.. _running.Keys], heartbeats);
    }
}
