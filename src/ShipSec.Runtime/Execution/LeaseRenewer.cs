using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Configuration;

namespace ShipSec.Runtime.Execution;

/// <summary>
/// Keeps the leases of the attempts this worker runs: every third of <see cref="WorkerOptions.LeaseSeconds"/> it extends
/// each one. A worker that dies (or cannot reach the database) stops renewing, and the orchestrator's lease sweeper
/// re-dispatches its attempts once their leases run out.
/// </summary>
public sealed partial class LeaseRenewer(
    RunningAttempts running,
    NodeExecutions executions,
    IOptions<ShipSecOptions> options,
    TimeProvider clock,
    ILogger<LeaseRenewer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Worker.Lease / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                var (attempts, heartbeats) = running.TakeSnapshot();
                await executions.RenewAsync(attempts, heartbeats, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRenewFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing node-attempt leases failed; retrying at the next interval")]
    private partial void LogRenewFailed(Exception exception);
}
