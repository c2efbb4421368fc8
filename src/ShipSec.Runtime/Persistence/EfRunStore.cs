using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Bus;

namespace ShipSec.Runtime.Persistence;

/// <summary><see cref="IRunStore"/> over EF Core; works for every provider.</summary>
public sealed class EfRunStore(ShipSecDbContext db, OutboxSignal outbox, TimeProvider clock) : IRunStore
{
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
        };
        Apply(record, run.State);
        db.Runs.Add(record);
        var now = clock.GetUtcNow();
        db.OutboxMessages.AddRange(run.Messages.Select(m => OutboxMessages.ToRecord(m, now)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (run.Messages.Count > 0) outbox.Wake();
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

    public async Task<StoredRun?> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        var record = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return record is null ? null : new StoredRun(
            record.Id,
            record.WorkflowId,
            record.WorkflowVersion,
            JsonSerializer.Deserialize<WorkflowDefinition>(record.DefinitionJson, ShipSecJson.Options)!,
            JsonSerializer.Deserialize<RunState>(record.StateJson, ShipSecJson.Options)!,
            record.IdempotencyKey);
    }

    public async Task<StoredRun?> LoadLockedAsync(string runId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM runs WHERE id = {runId} FOR UPDATE", cancellationToken);
        return await LoadAsync(runId, cancellationToken);
    }

    public async Task SaveAsync(string runId, RunState state, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(state, ShipSecJson.Options);
        var status = state.Status.ToWire();
        var next = state.NextTimerDueAt;
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.StateJson, json)
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.NextTimerAt, next)
            .SetProperty(r => r.UpdatedAt, state.UpdatedAt)
            .SetProperty(r => r.StartedAt, state.StartedAt)
            .SetProperty(r => r.CompletedAt, state.CompletedAt), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await db.Runs.AsNoTracking()
            .Where(r => r.NextTimerAt != null && r.NextTimerAt <= now)
            .OrderBy(r => r.NextTimerAt)
            .Select(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> FindQueuedAsync(int limit, CancellationToken cancellationToken) =>
        await db.Runs.AsNoTracking()
            .Where(r => NotStarted.Contains(r.Status))
            .OrderBy(r => r.CreatedAt)
            .Select(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    private static void Apply(RunRecord record, RunState state)
    {
        record.StateJson = JsonSerializer.Serialize(state, ShipSecJson.Options);
        record.Status = state.Status.ToWire();
        record.NextTimerAt = state.NextTimerDueAt;
        record.UpdatedAt = state.UpdatedAt;
        record.StartedAt = state.StartedAt;
        record.CompletedAt = state.CompletedAt;
    }
}
