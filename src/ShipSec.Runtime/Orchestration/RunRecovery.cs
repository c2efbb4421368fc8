using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.State;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Secrets;

namespace ShipSec.Runtime.Orchestration;

/// <summary>
/// At startup, re-derives the messages a crash may have lost for RUNNING runs: an attempt nobody claimed is dispatched
/// again (with the same attempt number, so a dispatch that was only delayed is skipped by the claim), and a result a
/// worker recorded but the orchestrator never consumed is sent again. Attempts still claimed are left to their leases.
/// Everything it sends is idempotent, so several orchestrators starting together do no harm.
/// </summary>
public sealed partial class RunRecovery(
    IServiceScopeFactory scopes,
    Orchestrator orchestrator,
    ILogger<RunRecovery> logger) : BackgroundService
{
    private const int PageSize = 200;
    private static readonly string Running = RunStatus.Running.ToWire();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var resent = 0;
            string? after = null;
            while (await NextPageAsync(after, stoppingToken) is { Count: > 0 } page)
            {
                foreach (var runId in page) resent += await RecoverAsync(runId, stoppingToken);
                after = page[^1];
            }
            if (resent > 0) LogRecovered(resent);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogRecoveryFailed(e);
        }
    }

    private async Task<List<string>> NextPageAsync(string? after, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var query = db.Runs.AsNoTracking().Where(r => r.Status == Running);
        if (after is not null) query = query.Where(r => string.Compare(r.Id, after) > 0);
        return await query.OrderBy(r => r.Id).Select(r => r.Id).Take(PageSize).ToListAsync(cancellationToken);
    }

    private async Task<int> RecoverAsync(string runId, CancellationToken cancellationToken)
    {
        List<object> messages = [];
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
            var run = await scope.ServiceProvider.GetRequiredService<IRunStore>().LoadAsync(runId, cancellationToken);
            if (run is null || run.State.Status != RunStatus.Running) return 0;

            var waiting = run.State.Nodes.Values
                .Where(n => n.Status == NodeStatus.Running && n.CurrentAttempt is { CompletedAt: null })
                .ToList();
            if (waiting.Count == 0) return 0;
            var nodeIds = waiting.Select(n => n.NodeId).ToList();
            var executions = await db.NodeExecutions.AsNoTracking()
                .Where(x => x.RunId == runId && nodeIds.Contains(x.NodeId))
                .ToListAsync(cancellationToken);
            var secrets = RunSecrets.Of(run.Definition, run.State);
            foreach (var node in waiting)
            {
                var execution = executions.FirstOrDefault(x => x.NodeId == node.NodeId && x.Attempt == node.Attempt);
                if (execution is null)
                {
                    var action = run.Definition.Actions.First(a => a.Ref == node.NodeId);
                    messages.Add(EngineCommandExecutor.Dispatch(new DispatchNode(runId, run.WorkflowId, node.NodeId, action.ComponentId,
                        node.Attempt, action.Params, node.Inputs ?? [], action.RetryPolicy ?? RetryDecider.NoRetry, action.TimeoutSeconds), secrets));
                }
                else if (execution is { Status: NodeExecutionStatus.Finished, ResultType: { } type, ResultJson: { } json })
                {
                    messages.Add(OutboxMessages.FromRecord(type, json).Message);
                }
            }
        }
        await orchestrator.ResendAsync(messages, cancellationToken);
        return messages.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery re-sent {Count} dispatch(es) and result(s) of running runs")]
    private partial void LogRecovered(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recovering running runs failed")]
    private partial void LogRecoveryFailed(Exception exception);
}
