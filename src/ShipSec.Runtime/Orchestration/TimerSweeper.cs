using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Orchestration;

/// <summary>
/// Wakes runs whose <c>next_timer_at</c> has passed (retry back-offs, run timeouts, drain deadlines). After each look it sleeps
/// until the earliest timer of any run, at most <see cref="OrchestratorOptions.TimerCheck"/>, and is woken at once when this
/// process commits a new or moved timer (<see cref="TimerSignal"/>) — so timers fire when due rather than at the next poll, and
/// an idle server looks once per period instead of many times a second.
/// </summary>
public sealed partial class TimerSweeper(
    IServiceScopeFactory scopes,
    Orchestrator orchestrator,
    TimerSignal signal,
    IOptions<ShipSecOptions> options,
    TimeProvider clock,
    ILogger<TimerSweeper> logger) : BackgroundService
{
    // The shortest sleep: a timer the engine leaves due (it should not) is looked at again after this, never in a busy loop.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(50);
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var check = options.Value.Orchestrator.TimerCheck;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = check;
            try
            {
                if (await SweepAsync(stoppingToken) is { } next)
                    wait = TimeSpan.FromTicks(Math.Clamp((next - clock.GetUtcNow()).Ticks, MinimumWait.Ticks, check.Ticks));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e);
            }
            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Fires what is due; returns when to look next (now, if a full batch was due), or null when no timer is set.</summary>
    private async Task<DateTimeOffset?> SweepAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<IRunStore>().FindDueAsync(clock.GetUtcNow(), BatchSize, cancellationToken);
        }
        await Task.WhenAll(due.Select(runId => WakeAsync(runId, cancellationToken)));
        if (due.Count == BatchSize) return clock.GetUtcNow();

        await using var next = scopes.CreateAsyncScope();
        return await next.ServiceProvider.GetRequiredService<IRunStore>().NextTimerAsync(cancellationToken);
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
