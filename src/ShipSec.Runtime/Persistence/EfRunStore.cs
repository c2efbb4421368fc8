using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Bus;

namespace ShipSec.Runtime.Persistence;

/// <summary>
/// <see cref="IRunStore"/> over EF Core; works for every provider. A run's state is split over rows
/// (<see cref="RunStateRows"/>) so a transition writes the run row and the few nodes and edges it changed, and a
/// transition of a run this process saved last reads one column instead of every row (<see cref="RunStateCache"/>).
/// </summary>
public sealed class EfRunStore(ShipSecDbContext db, RunStateCache cache, OutboxSignal outbox, TimeProvider clock) : IRunStore
{
    // Rows per upsert statement: 3 parameters each keeps a statement far below every provider's parameter limit.
    private const int RowsPerStatement = 300;

    // A run saved again while it is read is read again, up to this many times; past it the last read stands.
    private const int MaxReadAttempts = 5;

    private static readonly string[] NotStarted = [RunStatus.Queued.ToWire()];

    public async Task<bool> TryCreateAsync(NewRun run, CancellationToken cancellationToken)
    {
        if (await db.Runs.AnyAsync(r => r.Id == run.RunId, cancellationToken)) return false;
        var record = new RunRecord
        {
            Id = run.RunId,
            WorkflowId = run.WorkflowId,
            WorkflowVersion = run.WorkflowVersion,
            DefinitionJson = JsonSerializer.Serialize(run.Definition, ShipSecJson.Options),
            DefinitionVersion = run.Definition.Version,
            TotalActions = run.Definition.Actions.Count,
            IdempotencyKey = run.IdempotencyKey,
            CreatedAt = run.State.CreatedAt,
            Revision = Guid.NewGuid(),
        };
        Apply(record, run.State);
        db.Runs.Add(record);
        db.RunNodes.AddRange(run.State.Nodes.Values.Select(node => new RunNodeRecord
        {
            RunId = run.RunId,
            NodeId = node.NodeId,
            Json = RunStateRows.NodeJson(node),
        }));
        db.RunEdges.AddRange(run.State.Edges.Where(e => e.Value != EdgeResolution.Unresolved).Select(e => new RunEdgeRecord
        {
            RunId = run.RunId,
            EdgeId = e.Key,
            Resolution = RunStateRows.ResolutionText(e.Value),
        }));
        var now = clock.GetUtcNow();
        db.OutboxMessages.AddRange(run.Messages.Select(m => OutboxMessages.ToRecord(m, now)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (run.Messages.Count > 0) outbox.Wake();
            cache.Remember(new StoredRun(run.RunId, run.WorkflowId, run.WorkflowVersion, run.Definition, run.State, run.IdempotencyKey), record.Revision);
            return true;
        }
        catch (DbUpdateException)
        {
            // Lost a race with an identical request (same Idempotency-Key): the other one created the run.
            db.ChangeTracker.Clear();
            if (await db.Runs.AnyAsync(r => r.Id == run.RunId, cancellationToken)) return false;
            throw;
        }
    }

    public async Task<StoredRun?> LoadAsync(string runId, CancellationToken cancellationToken) =>
        (await ReadAsync(runId, locked: false, cancellationToken))?.Run;

    public async Task<StoredRun?> LoadLockedAsync(string runId, CancellationToken cancellationToken)
    {
        var revisions = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<Guid>($"SELECT revision AS \"Value\" FROM runs WHERE id = {runId} FOR UPDATE").ToListAsync(cancellationToken)
            : await db.Runs.Where(r => r.Id == runId).Select(r => r.Revision).ToListAsync(cancellationToken);
        if (revisions.Count == 0) return null;
        if (cache.Find(runId, revisions[0]) is { } saved) return saved;

        if (await ReadAsync(runId, locked: true, cancellationToken) is not { } read) return null;
        cache.Remember(read.Run, read.Revision);
        return read.Run;
    }

    public async Task SaveAsync(string runId, RunState state, CancellationToken cancellationToken)
    {
        cache.Forget(runId);
        await WriteAsync(runId, state, Guid.NewGuid(), state.Nodes.Values.ToList(), state.Edges.ToList(), cancellationToken);
    }

    public async Task SaveAsync(string runId, RunState previous, RunState state, CancellationToken cancellationToken)
    {
        var revision = Guid.NewGuid();
        await WriteAsync(runId, state, revision, ChangedNodes(previous, state), ChangedEdges(previous, state), cancellationToken);
        // Remembered before the caller commits: if it rolls back instead, the row keeps its old revision and the next load reads the rows.
        if (cache.Last(runId) is { } loaded && ReferenceEquals(loaded.State, previous))
            cache.Remember(loaded with { State = state }, revision);
        else
            cache.Forget(runId);
    }

    public async Task<IReadOnlyList<string>> FindDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await db.Runs.AsNoTracking()
            .Where(r => r.NextTimerAt != null && r.NextTimerAt <= now)
            .OrderBy(r => r.NextTimerAt)
            .Select(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public async Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken) =>
        await db.Runs.AsNoTracking()
            .Where(r => r.NextTimerAt != null)
            .OrderBy(r => r.NextTimerAt)
            .Select(r => r.NextTimerAt)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> FindQueuedAsync(int limit, CancellationToken cancellationToken) =>
        await db.Runs.AsNoTracking()
            .Where(r => NotStarted.Contains(r.Status))
            .OrderBy(r => r.CreatedAt)
            .Select(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Reads the run row, then its node and edge rows. Unless the caller holds the run locked, a save may commit between
    /// those queries; every save changes the revision, so a row that still carries the revision it was read with after
    /// its nodes and edges were read means they belong together, and otherwise they are read again.
    /// </summary>
    private async Task<(StoredRun Run, Guid Revision)?> ReadAsync(string runId, bool locked, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (record is null) return null;
            var nodes = await db.RunNodes.AsNoTracking().Where(n => n.RunId == runId).Select(n => n.Json).ToListAsync(cancellationToken);
            var edges = await db.RunEdges.AsNoTracking().Where(e => e.RunId == runId).ToListAsync(cancellationToken);
            if (!locked && attempt < MaxReadAttempts
                && await db.Runs.Where(r => r.Id == runId).Select(r => (Guid?)r.Revision).FirstOrDefaultAsync(cancellationToken) != record.Revision)
                continue;

            var definition = JsonSerializer.Deserialize<WorkflowDefinition>(record.DefinitionJson, ShipSecJson.Options)!;
            var run = new StoredRun(
                record.Id,
                record.WorkflowId,
                record.WorkflowVersion,
                definition,
                RunStateRows.Assemble(record.StateJson, definition, nodes, edges),
                record.IdempotencyKey);
            return (run, record.Revision);
        }
    }

    private async Task WriteAsync(string runId, RunState state, Guid revision, IReadOnlyList<NodeState> nodes,
        IReadOnlyList<KeyValuePair<string, EdgeResolution>> edges, CancellationToken cancellationToken)
    {
        var json = RunStateRows.RunJson(state);
        var status = state.Status.ToWire();
        var next = state.NextTimerDueAt;
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.StateJson, json)
            .SetProperty(r => r.Revision, revision)
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.NextTimerAt, next)
            .SetProperty(r => r.UpdatedAt, state.UpdatedAt)
            .SetProperty(r => r.StartedAt, state.StartedAt)
            .SetProperty(r => r.CompletedAt, state.CompletedAt), cancellationToken);
        await UpsertAsync(runId, nodes, edges, cancellationToken);
    }

    /// <summary>
    /// Inserts or replaces node and edge rows in one round trip: one <c>INSERT … ON CONFLICT DO UPDATE</c> per table and
    /// chunk of rows, the same SQL on SQLite and PostgreSQL.
    /// </summary>
    private async Task UpsertAsync(string runId, IReadOnlyList<NodeState> nodes, IReadOnlyList<KeyValuePair<string, EdgeResolution>> edges,
        CancellationToken cancellationToken)
    {
        var statements = new List<string>();
        var parameters = new List<object>();
        Add("run_nodes", "node_id", "json", nodes.Select(n => (n.NodeId, RunStateRows.NodeJson(n))));
        Add("run_edges", "edge_id", "resolution", edges.Select(e => (e.Key, RunStateRows.ResolutionText(e.Value))));
        if (statements.Count > 0)
            await db.Database.ExecuteSqlRawAsync(string.Join(";\n", statements), parameters, cancellationToken);

        void Add(string table, string keyColumn, string valueColumn, IEnumerable<(string Key, string Value)> rows)
        {
            foreach (var chunk in rows.Chunk(RowsPerStatement))
            {
                var values = chunk.Select(row =>
                {
                    var first = parameters.Count;
                    parameters.AddRange([runId, row.Key, row.Value]);
                    return $"({{{first}}}, {{{first + 1}}}, {{{first + 2}}})";
                }).ToList();
                statements.Add($"INSERT INTO {table} (run_id, {keyColumn}, {valueColumn}) VALUES {string.Join(", ", values)} " +
                    $"ON CONFLICT (run_id, {keyColumn}) DO UPDATE SET {valueColumn} = excluded.{valueColumn}");
            }
        }
    }

    // The engine copies a node before it changes it, so an unchanged node is the very object the transition was given.
    private static List<NodeState> ChangedNodes(RunState previous, RunState state) =>
        state.Nodes.Where(n => !previous.Nodes.TryGetValue(n.Key, out var before) || !ReferenceEquals(before, n.Value))
            .Select(n => n.Value)
            .ToList();

    // The engine copies the edge map on the first edge a transition resolves; the same map means no edge changed.
    private static List<KeyValuePair<string, EdgeResolution>> ChangedEdges(RunState previous, RunState state) =>
        ReferenceEquals(previous.Edges, state.Edges)
            ? []
            : state.Edges.Where(e => !previous.Edges.TryGetValue(e.Key, out var before) || before != e.Value).ToList();

    private static void Apply(RunRecord record, RunState state)
    {
        record.StateJson = RunStateRows.RunJson(state);
        record.Status = state.Status.ToWire();
        record.NextTimerAt = state.NextTimerDueAt;
        record.UpdatedAt = state.UpdatedAt;
        record.StartedAt = state.StartedAt;
        record.CompletedAt = state.CompletedAt;
    }
}
