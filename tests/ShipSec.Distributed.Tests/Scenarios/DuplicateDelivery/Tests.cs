using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Distributed.Tests.Scenarios.DuplicateDelivery;

/// <summary>Every dispatch and every result of a finished run delivered again through RabbitMQ changes nothing.</summary>
public sealed class Tests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task Redelivered_dispatches_and_results_change_neither_the_trace_nor_the_progress()
    {
        await using var database = await ScratchDatabase.CreateAsync("duplicates");
        var vhost = await Broker.AddVhostAsync("duplicates");
        try
        {
            await using var server = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
            {
                host.UseSetting("ShipSec:Database:Provider", "Postgres");
                host.UseSetting("ConnectionStrings:ShipSec", database.ConnectionString);
                host.UseSetting("ShipSec:Bus:Transport", "RabbitMq");
                host.UseSetting("ShipSec:Bus:RabbitMq", vhost.ToString());
                host.UseSetting("ShipSec:DataPath", Path.Combine(Path.GetTempPath(), "shipsec-duplicates", Guid.NewGuid().ToString("N")));
            });
            var api = new Api(server.CreateClient());
            var graph = Graphs.SleepLanes(lanes: 2, depth: 2, sleepMs: 0);
            var runId = await api.StartRunAsync(await api.CreateWorkflowAsync(graph));
            await api.WaitForStatusAsync([runId], "COMPLETED", TimeSpan.FromSeconds(60));
            var traceBefore = (await api.FinishedTraceAsync(runId)).Select(e => e.ToJsonString()).ToList();
            var statusBefore = (await api.GetAsync($"/api/v1/workflows/runs/{runId}/status"))["progress"]!.ToJsonString();

            var redelivered = await RedeliverEverythingAsync(server.Services, runId);
            await WaitForDrainedQueuesAsync(vhost);

            Assert.That(redelivered, Is.EqualTo(2 * TraceChecks.NodeIds(graph).Count), "a dispatch and a result per node");
            Assert.That((await api.TraceAsync(runId)).Select(e => e.ToJsonString()), Is.EqualTo(traceBefore));
            Assert.That((await api.GetAsync($"/api/v1/workflows/runs/{runId}/status"))["progress"]!.ToJsonString(), Is.EqualTo(statusBefore));
            Assert.That(await AttemptsAsync(server.Services, runId), Is.EqualTo(TraceChecks.NodeIds(graph).Count), "no attempt ran twice");
        }
        finally
        {
            await Broker.DeleteVhostAsync(vhost);
        }
    }

    /// <summary>Publishes, for every attempt the run recorded, its dispatch and its result once more.</summary>
    private static async Task<int> RedeliverEverythingAsync(IServiceProvider services, string runId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var run = await scope.ServiceProvider.GetRequiredService<IRunStore>().LoadAsync(runId, CancellationToken.None);
        var executions = await db.NodeExecutions.AsNoTracking().Where(x => x.RunId == runId).ToListAsync();
        var bus = scope.ServiceProvider.GetRequiredService<IBus>();
        var published = 0;
        foreach (var execution in executions)
        {
            var node = run!.State.Nodes[execution.NodeId];
            await bus.Publish(new ExecuteNode
            {
                RunId = runId,
                WorkflowId = run.WorkflowId,
                NodeId = execution.NodeId,
                ComponentId = run.Definition.Actions.Single(a => a.Ref == execution.NodeId).ComponentId,
                Attempt = execution.Attempt,
                Inputs = node.Inputs ?? [],
            });
            var (result, type) = OutboxMessages.FromRecord(execution.ResultType!, execution.ResultJson!);
            await bus.Publish(result, type);
            published += 2;
        }
        return published;
    }

    private static Task WaitForDrainedQueuesAsync(Uri vhost) =>
        Api.WaitUntilAsync(async () =>
        {
            var depths = await Broker.QueueDepthsAsync(vhost);
            return depths.GetValueOrDefault(QueueNames.NodeDispatch) == 0 && depths.GetValueOrDefault(QueueNames.NodeResults) == 0
                && depths.ContainsKey(QueueNames.NodeDispatch);
        }, TimeSpan.FromSeconds(60), "the dispatch and result queues to drain");

    private static async Task<int> AttemptsAsync(IServiceProvider services, string runId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShipSecDbContext>().NodeExecutions.CountAsync(x => x.RunId == runId);
    }
}
