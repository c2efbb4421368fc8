using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;

namespace ShipSec.Distributed.Tests.Scenarios.ScaleOut;

/// <summary>One api, one collector and two worker processes against one database and one broker.</summary>
public sealed class Tests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["ShipSec__Worker__LeaseSeconds"] = "3",
        // Fewer slots per worker than nodes in the fan-out, so one worker cannot take them all.
        ["ShipSec__Worker__Concurrency"] = "3",
    };

    [Test]
    [CancelAfter(240_000)]
    public async Task A_wide_fan_out_runs_on_both_workers()
    {
        await using var cluster = await Cluster.CreateAsync("spread", Settings);
        var apiServer = await cluster.StartAsync("api");
        // A second orchestrator and a second collector share the results and stand by for the trace.
        await cluster.StartAsync("api");
        await cluster.StartAsync("collector");
        await cluster.StartAsync("collector");
        var workers = new[] { await cluster.StartAsync("worker"), await cluster.StartAsync("worker") };
        var api = new Api(apiServer.Http);
        var graph = Graphs.SleepFanOut(width: 8, sleepMs: 1000);

        var runId = await api.StartRunAsync(await api.CreateWorkflowAsync(graph));
        await api.WaitForStatusAsync([runId], "COMPLETED", TimeSpan.FromSeconds(90));

        var trace = await api.FinishedTraceAsync(runId);
        TraceChecks.AssertCompletedTrace(runId, trace, TraceChecks.NodeIds(graph));
        var sleepWorkers = TraceChecks.Starts(trace).Where(s => s.NodeId != "start").Select(s => s.Worker).Distinct().ToList();
        Assert.That(sleepWorkers, Is.EquivalentTo(workers.Select(w => w.WorkerName)));
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task A_node_whose_worker_is_killed_runs_again_on_the_other_worker_after_its_lease_expires()
    {
        await using var cluster = await Cluster.CreateAsync("failover", Settings);
        var apiServer = await cluster.StartAsync("api");
        await cluster.StartAsync("collector");
        var workers = new[] { await cluster.StartAsync("worker"), await cluster.StartAsync("worker") };
        var api = new Api(apiServer.Http);
        var graph = Graphs.SleepChain(count: 1, sleepMs: 6000);
        var runId = await api.StartRunAsync(await api.CreateWorkflowAsync(graph));

        string? firstWorker = null;
        await Api.WaitUntilAsync(async () =>
        {
            firstWorker = TraceChecks.Starts(await api.TraceAsync(runId)).FirstOrDefault(s => s.NodeId == "sleep1").Worker;
            return firstWorker is not null;
        }, TimeSpan.FromSeconds(60), "the sleep node to start");
        var victim = workers.Single(w => w.WorkerName == firstWorker);
        var survivor = workers.Single(w => w != victim);
        victim.Kill();
        await api.WaitForStatusAsync([runId], "COMPLETED", TimeSpan.FromSeconds(120));

        var trace = await api.FinishedTraceAsync(runId);
        TraceChecks.AssertCompletedTrace(runId, trace, TraceChecks.NodeIds(graph));
        Assert.That(TraceChecks.Starts(trace).Where(s => s.NodeId == "sleep1"),
            Is.EqualTo(new[] { ("sleep1", 1, (string?)victim.WorkerName), ("sleep1", 2, (string?)survivor.WorkerName) }));
        var lost = trace.Single(e => (string?)e["type"] == "NODE_FAILED" && (string?)e["nodeId"] == "sleep1");
        Assert.That((int)lost["attempt"]!, Is.EqualTo(1));
        Assert.That((string?)lost["data"]!["error"]!["type"], Is.EqualTo("LeaseExpiredError"));
        Assert.That((bool)lost["data"]!["willRetry"]!, Is.True);
    }
}
