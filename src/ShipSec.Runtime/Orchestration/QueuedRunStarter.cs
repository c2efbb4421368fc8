using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Orchestration;

/// <summary>At startup, starts runs left QUEUED (their StartRun message was lost with a previous process).</summary>
public sealed partial class QueuedRunStarter(
    IServiceScopeFactory scopes,
    Orchestrator orchestrator,
    ILogger<QueuedRunStarter> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<string> queued;
        await using (var scope = scopes.CreateAsyncScope())
        {
            queued = await scope.ServiceProvider.GetRequiredService<IRunStore>().FindQueuedAsync(BatchSize, stoppingToken);
        }
        if (queued.Count > 0) LogStarting(queued.Count);
        foreach (var runId in queued)
        {
            try
            {
                await orchestrator.StartAsync(runId, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogStartFailed(e, runId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {Count} run(s) left queued")]
    private partial void LogStarting(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting queued run {RunId} failed")]
    private partial void LogStartFailed(Exception exception, string runId);
}
