using System.Collections.Concurrent;
using ShipSec.Contracts.Runs;

namespace ShipSec.Runtime.Persistence;

/// <summary>
/// Per active run, the state this process last loaded or saved, with the run row's revision at that moment: while the
/// row still carries that revision nobody has saved the run since, so its next transition reuses the state instead of
/// reading and parsing every node row again. Revisions are random per save, so a save whose transaction rolled back
/// never matches.
/// </summary>
public sealed class RunStateCache
{
    // Emptying the cache only costs each active run one full load, so a plain cap is enough to bound it.
    private const int MaxRuns = 512;

    private readonly ConcurrentDictionary<string, Entry> _runs = new(StringComparer.Ordinal);

    /// <summary>The run as saved with <paramref name="revision"/>, or null when this process did not save that revision last.</summary>
    public StoredRun? Find(string runId, Guid revision) =>
        _runs.TryGetValue(runId, out var entry) && entry.Revision == revision ? entry.Run : null;

    /// <summary>Remembers <paramref name="run"/> as stored under <paramref name="revision"/>; a run that has ended is forgotten instead.</summary>
    public void Remember(StoredRun run, Guid revision)
    {
        if (run.State.Status.IsTerminal())
        {
            _runs.TryRemove(run.RunId, out _);
            return;
        }
        if (_runs.Count >= MaxRuns && !_runs.ContainsKey(run.RunId))
            _runs.Clear();
        _runs[run.RunId] = new Entry(run, revision);
    }

    /// <summary>The run as last remembered, whatever its revision (the state a save started from), or null.</summary>
    public StoredRun? Last(string runId) => _runs.TryGetValue(runId, out var entry) ? entry.Run : null;

    public void Forget(string runId) => _runs.TryRemove(runId, out _);

    private sealed record Entry(StoredRun Run, Guid Revision);
}
