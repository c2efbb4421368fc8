using System.Collections.Concurrent;

namespace ShipSec.Runtime.Tracing;

/// <summary><see cref="ITraceNotifier"/> for one process; keeps state only for runs someone is watching.</summary>
public sealed class InProcessTraceNotifier : ITraceNotifier
{
    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _subscribers = new(StringComparer.Ordinal);

    public ValueTask StoredAsync(string runId, long lastSequence, CancellationToken cancellationToken)
    {
        Signal(runId, lastSequence);
        return ValueTask.CompletedTask;
    }

    /// <summary>Calls the subscribers of <paramref name="runId"/>, if any, with <paramref name="lastSequence"/>.</summary>
    public void Signal(string runId, long lastSequence)
    {
        if (_subscribers.TryGetValue(runId, out var subscribers))
        {
            foreach (var callback in subscribers.Callbacks) callback(lastSequence);
        }
    }

    /// <summary>Signals every subscriber of every run with a last sequence of 0 ("look again"): for when signals may have been missed.</summary>
    public void WakeAll()
    {
        foreach (var subscribers in _subscribers.Values)
        {
            foreach (var callback in subscribers.Callbacks) callback(0);
        }
    }

    public IDisposable Subscribe(string runId, Action<long> onStored)
    {
        _subscribers.AddOrUpdate(runId, _ => new([onStored]), (_, s) => new([.. s.Callbacks, onStored]));
        return new Subscription(this, runId, onStored);
    }

    private void Unsubscribe(string runId, Action<long> onStored)
    {
        while (_subscribers.TryGetValue(runId, out var current))
        {
            var remaining = current.Callbacks.Where(c => c != onStored).ToArray();
            var done = remaining.Length == 0
                ? _subscribers.TryRemove(new KeyValuePair<string, ImmutableSubscribers>(runId, current))
                : _subscribers.TryUpdate(runId, new(remaining), current);
            if (done) return;
        }
    }

    private sealed record ImmutableSubscribers(Action<long>[] Callbacks);

    private sealed class Subscription(InProcessTraceNotifier owner, string runId, Action<long> onStored) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Unsubscribe(runId, onStored);
        }
    }
}
