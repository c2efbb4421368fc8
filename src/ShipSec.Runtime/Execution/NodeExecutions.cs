using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Execution;

/// <summary>
/// The worker's side of <c>node_executions</c>: claiming an attempt (a second claim of the same (run, node, attempt)
/// fails, so a redelivered dispatch is skipped), renewing leases, and recording the result together with the
/// messages that report it, in one transaction that only succeeds while the attempt is still this worker's.
/// </summary>
public sealed class NodeExecutions(IServiceScopeFactory scopes, OutboxSignal outbox, IOptions<ShipSecOptions> options, TimeProvider clock)
{
    /// <summary>Claims the attempt for <paramref name="worker"/>; false when it was claimed before (by anyone).</summary>
    public async Task<bool> TryClaimAsync(ExecuteNode request, string worker, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        if (await db.NodeExecutions.AnyAsync(Key(request.RunId, request.NodeId, request.Attempt), cancellationToken)) return false;

        var now = clock.GetUtcNow();
        db.NodeExecutions.Add(new NodeExecutionRecord
        {
            RunId = request.RunId,
            NodeId = request.NodeId,
            Attempt = request.Attempt,
            Status = NodeExecutionStatus.Running,
            Worker = worker,
            ClaimedAt = now,
            LeaseExpiresAt = now + options.Value.Worker.Lease,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another worker claimed it between the check and the insert.
            db.ChangeTracker.Clear();
            if (await db.NodeExecutions.AnyAsync(Key(request.RunId, request.NodeId, request.Attempt), cancellationToken)) return false;
            throw;
        }
    }

    /// <summary>Extends the leases of the attempts running here; <paramref name="heartbeats"/> also records that their modules said they are alive.</summary>
    public async Task RenewAsync(IReadOnlyCollection<AttemptKey> attempts, IReadOnlySet<AttemptKey> heartbeats, CancellationToken cancellationToken)
    {
        if (attempts.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var now = clock.GetUtcNow();
        var expires = now + options.Value.Worker.Lease;
        foreach (var a in attempts)
        {
            var query = db.NodeExecutions.Where(Key(a.RunId, a.NodeId, a.Attempt)).Where(x => x.Status == NodeExecutionStatus.Running);
            if (heartbeats.Contains(a))
                await query.ExecuteUpdateAsync(set => set.SetProperty(x => x.LeaseExpiresAt, expires).SetProperty(x => x.HeartbeatAt, now), cancellationToken);
            else
                await query.ExecuteUpdateAsync(set => set.SetProperty(x => x.LeaseExpiresAt, expires), cancellationToken);
        }
    }

    /// <summary>Ends the lease of an attempt this worker gives up (shutdown), so the lease sweeper re-dispatches it at once.</summary>
    public async Task ReleaseAsync(AttemptKey attempt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var now = clock.GetUtcNow();
        await db.NodeExecutions.Where(Key(attempt.RunId, attempt.NodeId, attempt.Attempt)).Where(x => x.Status == NodeExecutionStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(x => x.LeaseExpiresAt, now), cancellationToken);
    }

    /// <summary>
    /// Records the attempt's result and enqueues <paramref name="messages"/> (its closing trace events and the result
    /// message) in one transaction. False, with nothing written, when the attempt is no longer running here: its lease
    /// ran out and the orchestrator already counted it as lost.
    /// </summary>
    public async Task<bool> FinishAsync(AttemptKey attempt, object result, IReadOnlyList<object> messages, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var record = OutboxMessages.ToRecord(result, now);
        var finished = await db.NodeExecutions
            .Where(Key(attempt.RunId, attempt.NodeId, attempt.Attempt))
            .Where(x => x.Status == NodeExecutionStatus.Running)
            .ExecuteUpdateAsync(set => set
                .SetProperty(x => x.Status, NodeExecutionStatus.Finished)
                .SetProperty(x => x.CompletedAt, now)
                .SetProperty(x => x.ResultType, record.MessageType)
                .SetProperty(x => x.ResultJson, record.Body), cancellationToken);
        if (finished == 0) return false;

        db.OutboxMessages.AddRange(messages.Select(m => OutboxMessages.ToRecord(m, now)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Wake();
        return true;
    }

    private static System.Linq.Expressions.Expression<Func<NodeExecutionRecord, bool>> Key(string runId, string nodeId, int attempt) =>
        x => x.RunId == runId && x.NodeId == nodeId && x.Attempt == attempt;
}

/// <summary>Identity of one node attempt: (run, node, attempt).</summary>
public readonly record struct AttemptKey(string RunId, string NodeId, int Attempt);
