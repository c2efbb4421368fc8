using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Orchestration;

/// <summary>Finds node attempts whose lease ran out (their worker died) and has the orchestrator run them again.</summary>
public sealed partial class LeaseSweeper(
    IServiceScopeFactory scopes,
    Orchestrator orchestrator,
    IOptions<ShipSecOptions> options,
    TimeProvider clock,
    ILogger<LeaseSweeper> logger) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, options.Value.Worker.Lease.Ticks / 3));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogSweepFailed(e);
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        List<(string RunId, string NodeId, int Attempt, string Worker)> expired;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
            var now = clock.GetUtcNow();
            expired = (await db.NodeExecutions.AsNoTracking()
                    .Where(x => x.Status == NodeExecutionStatus.Running && x.LeaseExpiresAt < now)
                    .OrderBy(x => x.LeaseExpiresAt)
                    .Take(BatchSize)
                    .Select(x => new { x.RunId, x.NodeId, x.Attempt, x.Worker })
                    .ToListAsync(cancellationToken))
                .Select(x => (x.RunId, x.NodeId, x.Attempt, x.Worker))
                .ToList();
        }
        foreach (var (runId, nodeId, attempt, worker) in expired)
        {
            LogLeaseExpired(runId, nodeId, attempt, worker);
            await orchestrator.NodeLostAsync(runId, nodeId, attempt, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease of attempt {Attempt} of node {NodeId} in run {RunId} (worker {Worker}) ran out; running the node again")]
    private partial void LogLeaseExpired(string runId, string nodeId, int attempt, string worker);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for expired node leases failed")]
    private partial void LogSweepFailed(Exception exception);
}
