using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;

namespace ShipSec.Distributed.Tests.Scenarios.Concurrency;

/// <summary>Many runs at once over two processes.</summary>
public sealed class Tests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task Fifty_concurrent_runs_of_a_ten_node_workflow_complete_with_correct_traces()
    {
        await using var cluster = await Cluster.CreateAsync("concurrent");
        var server = await cluster.StartAsync();
        await cluster.StartAsync("worker");
        var api = new Api(server.Http);
        var graph = Graphs.SleepLanes(lanes: 3, depth: 3, sleepMs: 50);
        var workflowId = await api.CreateWorkflowAsync(graph);

        var runIds = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.StartRunAsync(workflowId)));
        await api.WaitForStatusAsync(runIds, "COMPLETED", TimeSpan.FromSeconds(240));

        Assert.That(TraceChecks.NodeIds(graph), Has.Count.EqualTo(10));
        foreach (var runId in runIds)
            TraceChecks.AssertCompletedTrace(runId, await api.FinishedTraceAsync(runId), TraceChecks.NodeIds(graph));
    }
}
