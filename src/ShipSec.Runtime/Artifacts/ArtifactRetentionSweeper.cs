using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Configuration;

namespace ShipSec.Runtime.Artifacts;

/// <summary>Every <c>ShipSec:Artifacts:SweepIntervalMinutes</c>, deletes run artifacts older than <c>ShipSec:Artifacts:RetentionDays</c> (when set).</summary>
public sealed partial class ArtifactRetentionSweeper(
    RunArtifactCleanup cleanup,
    IOptions<ShipSecOptions> options,
    TimeProvider clock,
    ILogger<ArtifactRetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Artifacts;
        if (settings.RetentionDays is not { } days) return;
        var retention = TimeSpan.FromDays(days);
        var interval = TimeSpan.FromMinutes(Math.Max(settings.SweepIntervalMinutes, 0.01));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await cleanup.DeleteArtifactsCreatedBeforeAsync(clock.GetUtcNow() - retention, stoppingToken);
                if (deleted > 0) LogSwept(deleted, days);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e);
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Count} artifacts older than {Days} days")]
    private partial void LogSwept(int count, double days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Artifact retention sweep failed; it runs again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
