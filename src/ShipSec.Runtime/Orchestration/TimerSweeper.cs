using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Orchestration;

/// <summary>Wakes runs whose <c>next_timer_at</c> has passed (retry back-offs, run timeouts, drain deadlines).</summary>
public sealed partial class TimerSweeper(
    IServiceScopeFactory scopes,
    Orchestrator orchestrator,
    TimeProvider clock,
    ILogger<TimerSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e);
            }
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<IRunStore>().FindDueAsync(clock.GetUtcNow(), BatchSize, cancellationToken);
        }
        await Task.WhenAll(due.Select(runId => WakeAsync(runId, cancellationToken)));
    }

    private async Task WakeAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            await orchestrator.TimersDueAsync(runId, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogWakeFailed(e, runId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for due run timers failed")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Firing due timers of run {RunId} failed")]
    private partial void LogWakeFailed(Exception exception, string runId);
}
