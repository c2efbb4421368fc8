using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Bus;

/// <summary>
/// Publishes committed outbox messages in commit order and deletes them once the broker has them. Every process runs
/// one; on PostgreSQL each takes its rows with <c>FOR UPDATE SKIP LOCKED</c>, so relays share the work and never publish
/// a row twice while it is being relayed. A crash between publish and delete publishes again (at-least-once; every
/// consumer is idempotent).
/// </summary>
public sealed partial class OutboxRelay(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 200;

    // Rows committed by other processes are found by polling; this process's own commits wake the relay at once.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);

    // RabbitMQ drops a message no queue is bound for yet (a new vhost, a role that never started); mandatory makes it
    // come back as a failed publish instead, so the row stays in the outbox until a consumer's queue exists.
    private static readonly IPipe<PublishContext> Mandatory = Pipe.Execute<PublishContext>(context =>
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit)) rabbit.Mandatory = true;
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RelayBatchAsync(stoppingToken) == BatchSize)
                {
                }
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRelayFailed(e);
                try
                {
                    await Task.Delay(FailureBackoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Relays one batch; returns how many messages it published.</summary>
    private async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        if (!db.Database.IsNpgsql())
        {
            // SQLite serves a single process, so one relay; holding its only write lock while publishing would stall every writer.
            var pending = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
            return await PublishAndDeleteAsync(db, pending, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var published = await PublishAndDeleteAsync(db, rows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return published;
    }

    private async Task<int> PublishAndDeleteAsync(ShipSecDbContext db, List<OutboxMessageRecord> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return 0;
        foreach (var row in rows)
        {
            var (message, type) = OutboxMessages.FromRecord(row.MessageType, row.Body);
            await bus.Publish(message, type, Mandatory, cancellationToken);
        }
        var ids = rows.Select(r => r.Id).ToList();
        await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
        return rows.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying outbox messages failed; they stay in the outbox and are retried")]
    private partial void LogRelayFailed(Exception exception);
}
