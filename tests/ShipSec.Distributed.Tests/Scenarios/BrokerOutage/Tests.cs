using System.Net;
using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;

namespace ShipSec.Distributed.Tests.Scenarios.BrokerOutage;

/// <summary>RabbitMQ goes away for about ten seconds in the middle of a run.</summary>
public sealed class Tests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task A_run_survives_a_broker_outage_without_losing_or_duplicating_trace_events()
    {
        await using var cluster = await Cluster.CreateAsync("outage");
        var server = await cluster.StartAsync();
        var api = new Api(server.Http);
        var graph = Graphs.SleepChain(count: 10, sleepMs: 500);
        var runId = await api.StartRunAsync(await api.CreateWorkflowAsync(graph));
        await Api.WaitUntilAsync(async () => (await api.TraceAsync(runId)).Count(e => (string?)e["type"] == "NODE_COMPLETED") >= 2,
            TimeSpan.FromSeconds(60), "the run to complete two nodes");

        await Broker.StopAsync();
        try
        {
            await Api.WaitUntilAsync(async () => (await api.ReadyAsync()).Status == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(60), "/health/ready to report the broker down");
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await Broker.StartAsync();
        }
        await api.WaitForStatusAsync([runId], "COMPLETED", TimeSpan.FromSeconds(180));

        var trace = await api.FinishedTraceAsync(runId);
        TraceChecks.AssertCompletedTrace(runId, trace, TraceChecks.NodeIds(graph));
        foreach (var nodeId in TraceChecks.NodeIds(graph))
        {
            var types = trace.Where(e => (string?)e["nodeId"] == nodeId).Select(e => (string?)e["type"]).ToList();
            Assert.That(types, Is.EqualTo(new[] { "NODE_STARTED", "NODE_LOG", "NODE_COMPLETED" }), $"events of node {nodeId}");
        }
        await Api.WaitUntilAsync(async () => (await api.ReadyAsync()).Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "/health/ready to report ready again");
    }
}
