using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShipSec.Contracts.Runs;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Artifacts;

/// <summary>
/// Removes run artifacts: all of a deleted run's (with the run, its trace and counters), or every artifact past the
/// retention age. Rows go first, in one transaction, then the objects, so no listing ever names a missing object;
/// an object whose delete fails is logged and left behind, never listed again.
/// </summary>
public sealed partial class RunArtifactCleanup(IServiceScopeFactory scopes, IArtifactStore store, ILogger<RunArtifactCleanup> logger)
{
    private const int BatchSize = 500;

    /// <summary>Deletes an ended run with its artifacts and trace; an active run is a <see cref="ConflictException"/>.</summary>
    public async Task DeleteRunAsync(string runId, CancellationToken cancellationToken)
    {
        List<string> keys;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
            var status = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Status).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"Run '{runId}' does not exist.");
            if (!RunStatusExtensions.TryParseWire(status, out var parsed) || !parsed.IsTerminal())
                throw new ConflictException($"Run '{runId}' is {status}; cancel it (POST /api/v1/workflows/runs/{runId}/cancel) and delete it once it has ended.");

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            keys = await db.Artifacts.Where(a => a.RunId == runId).Select(a => a.StorageKey).ToListAsync(cancellationToken);
            await db.Artifacts.Where(a => a.RunId == runId).ExecuteDeleteAsync(cancellationToken);
            await db.TraceEvents.Where(t => t.RunId == runId).ExecuteDeleteAsync(cancellationToken);
            await db.RunTraceCounters.Where(c => c.RunId == runId).ExecuteDeleteAsync(cancellationToken);
            await db.Runs.Where(r => r.Id == runId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await DeleteObjectsAsync(keys, cancellationToken);
    }

    /// <summary>Deletes every run artifact created before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeleteArtifactsCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            List<(string Id, string Key)> batch;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
                batch = (await db.Artifacts.AsNoTracking().Where(a => a.CreatedAt < cutoff).OrderBy(a => a.CreatedAt).Take(BatchSize)
                        .Select(a => new { a.Id, a.StorageKey }).ToListAsync(cancellationToken))
                    .Select(a => (a.Id, a.StorageKey)).ToList();
                if (batch.Count == 0) return deleted;
                var ids = batch.Select(a => a.Id).ToList();
                await db.Artifacts.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
            }
            await DeleteObjectsAsync(batch.Select(a => a.Key).ToList(), cancellationToken);
            deleted += batch.Count;
        }
    }

    private async Task DeleteObjectsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            try
            {
                await store.DeleteAsync(key, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogObjectLeft(e, key, store.Description);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Artifact object {Key} could not be deleted from {Store}; its row is gone, so it is no longer served")]
    private partial void LogObjectLeft(Exception exception, string key, string store);
}
