using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Activities.Testing;
using ShipSec.Distributed.Tests.Infrastructure;

namespace ShipSec.Distributed.Tests.Scenarios.CollectorFailover;

/// <summary>
/// Two collector processes: the trace queue has a single active consumer, so the first stores and the second stands by. When
/// the active one is killed mid-run, the broker hands its unacknowledged batch to the other, and the trace stays whole.
/// </summary>
public sealed class Tests
{
    private const int Lines = 2_000;

    [Test]
    [CancelAfter(240_000)]
    public async Task Killing_the_active_collector_mid_run_loses_no_event_and_leaves_no_gap()
    {
        await using var cluster = await Cluster.CreateAsync("collector-failover");
        var apiServer = await cluster.StartAsync("api");
        var active = await cluster.StartAsync("collector");
        await cluster.StartAsync("collector");
        await cluster.StartAsync("worker", new Dictionary<string, string>
        {
            ["ShipSec__Trace__MaxLogLinesPerNode"] = "100000",
            ["ShipSec__Trace__MaxLogLinesPerSecond"] = "0",
        });
        var api = new Api(apiServer.Http);
        var graph = Graphs.Chain("paced", Graphs.Node("logs", "test.logs", new JsonObject { ["lines"] = Lines, ["linesPerSecond"] = 200 }));
        var runId = await api.StartRunAsync(await api.CreateWorkflowAsync(graph));

        await Api.WaitUntilAsync(async () => (await api.TraceAsync(runId)).Count >= 300, TimeSpan.FromSeconds(60), "the first 300 events to be stored");
        active.Kill();
        var storedAtKill = (await api.TraceAsync(runId)).Count;
        await api.WaitForStatusAsync([runId], "COMPLETED", TimeSpan.FromSeconds(120));
        var trace = await api.FinishedTraceAsync(runId);

        Assert.That(storedAtKill, Is.LessThan(trace.Count), "the surviving collector stored the rest of the run");
        // Sequences 1..n, every event once, every node completed, the run's statuses in order.
        TraceChecks.AssertCompletedTrace(runId, trace, TraceChecks.NodeIds(graph));
        var lines = trace.Where(e => (string?)e["type"] == "NODE_LOG" && (string?)e["data"]!["stream"] == "stdout")
            .Select(e => (string?)e["data"]!["line"]).ToList();
        Assert.That(lines, Is.EqualTo(Enumerable.Range(1, Lines).Select(n => LogsModule.Line(n, 80))), "every line, in order, across the failover");
    }
}
