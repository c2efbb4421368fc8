namespace ShipSec.Runtime.Orchestration;

/// <summary>One async lock per run id, so transitions of a run are strictly serialised inside this process; idle locks are dropped.</summary>
public sealed class RunLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Waits for the run's lock; dispose the result to release it.</summary>
    public async Task<IDisposable> AcquireAsync(string runId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(runId, out entry!)) _entries[runId] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(runId, entry);
            throw;
        }
        return new Holder(this, runId, entry);
    }

    private void Leave(string runId, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0) _entries.Remove(runId);
        }
    }

    private sealed class Entry
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users;
    }

    private sealed class Holder(RunLocks owner, string runId, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            entry.Semaphore.Release();
            owner.Leave(runId, entry);
        }
    }
}
