using ShipSec.Contracts.Definitions;
using ShipSec.Flowchart.State;

namespace ShipSec.Runtime.Persistence;

/// <summary>Durable run state for the orchestrator: create, load, save a transition, find runs that need waking.</summary>
public interface IRunStore
{
    /// <summary>Inserts a new run; false (and nothing written) when a run with the same id already exists.</summary>
    Task<bool> TryCreateAsync(NewRun run, CancellationToken cancellationToken);

    Task<StoredRun?> LoadAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Inside the caller's transaction, loads the run and holds it against transitions from other processes until the
    /// transaction ends (a row lock on PostgreSQL; SQLite serves one process and writes one transaction at a time).
    /// The state may be the very object this process saved last (see <see cref="RunStateCache"/>): treat it as a value.
    /// </summary>
    Task<StoredRun?> LoadLockedAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the state a transition produced from <paramref name="previous"/> (the state as loaded) together with the
    /// run's indexed columns, atomically. Only the node states and edge resolutions that differ from
    /// <paramref name="previous"/> are written; a node state counts as changed when it is a different object, which the
    /// engine guarantees (it copies a node before changing it), so a caller must never change a loaded node in place.
    /// </summary>
    Task SaveAsync(string runId, RunState previous, RunState state, CancellationToken cancellationToken);

    /// <summary>Writes a whole state, every node and edge included: for a state changed other than by the engine.</summary>
    Task SaveAsync(string runId, RunState state, CancellationToken cancellationToken);

    /// <summary>Runs whose earliest timer is due at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<string>> FindDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest <c>next_timer_at</c> of any run, due or not; null when no run waits for a timer.</summary>
    Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken);

    /// <summary>Runs created but not started yet, oldest first.</summary>
    Task<IReadOnlyList<string>> FindQueuedAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>What a new run row holds.</summary>
public sealed record NewRun(
    string RunId,
    string WorkflowId,
    int WorkflowVersion,
    WorkflowDefinition Definition,
    RunState State,
    string? IdempotencyKey)
{
    /// <summary>Bus messages committed in the same transaction as the run (its first trace events, the request to start it).</summary>
    public IReadOnlyList<object> Messages { get; init; } = [];
}

/// <summary>A run as the orchestrator loads it.</summary>
public sealed record StoredRun(
    string RunId,
    string WorkflowId,
    int WorkflowVersion,
    WorkflowDefinition Definition,
    RunState State,
    string? IdempotencyKey);
