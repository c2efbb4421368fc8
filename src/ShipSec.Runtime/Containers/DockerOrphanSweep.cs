using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShipSec.Runtime.Containers;

/// <summary>Runs <see cref="DockerRunner.SweepOrphansAsync"/> at startup and then periodically, so containers of a crashed worker do not linger.</summary>
public sealed partial class DockerOrphanSweep(DockerRunner runner, IOptions<DockerOptions> options, TimeProvider clock, ILogger<DockerOrphanSweep> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.OrphanSweepIntervalSeconds;
        if (interval <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(interval), clock);
        do
        {
            try
            {
                var removed = await runner.SweepOrphansAsync(stoppingToken);
                if (removed > 0) Swept(logger, removed);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // No daemon (the embedded default without Docker) is normal; container modules report it when they run.
                SweepFailed(logger, options.Value.Endpoint, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Removed {Count} orphaned containers")]
    private static partial void Swept(ILogger logger, int count);

    [LoggerMessage(LogLevel.Debug, "Orphan sweep skipped: Docker at {Endpoint} did not answer ({Reason})")]
    private static partial void SweepFailed(ILogger logger, string endpoint, string reason);
}
