using System.Collections.Concurrent;

namespace ShipSec.Runtime.Execution;

/// <summary>The node attempts this worker is running, by (run, node, attempt), so a cancel request can reach the right one.</summary>
public sealed class RunningAttempts
{
    private readonly ConcurrentDictionary<(string RunId, string NodeId, int Attempt), CancellationTokenSource> _running = new();

    /// <summary>Registers an attempt; false when the same attempt is already running here (a duplicate delivery).</summary>
    public bool TryAdd(string runId, string nodeId, int attempt, CancellationTokenSource cancellation) =>
        _running.TryAdd((runId, nodeId, attempt), cancellation);

    public void Remove(string runId, string nodeId, int attempt) => _running.TryRemove((runId, nodeId, attempt), out _);

    /// <summary>Cancels the attempt if it runs here; false otherwise.</summary>
    public bool Cancel(string runId, string nodeId, int attempt)
    {
        if (!_running.TryGetValue((runId, nodeId, attempt), out var cancellation)) return false;
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
}
