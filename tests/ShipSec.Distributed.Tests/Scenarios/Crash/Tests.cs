using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;

namespace ShipSec.Distributed.Tests.Scenarios.Crash;

/// <summary>A server killed with SIGKILL in the middle of its runs finishes them once it is started again.</summary>
public sealed class Tests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task Runs_of_a_killed_server_all_complete_after_restart_with_gap_free_traces_and_one_completion_per_node()
    {
        await using var cluster = await Cluster.CreateAsync("crash", new Dictionary<string, string> { ["ShipSec__Worker__LeaseSeconds"] = "3" });
        var first = await cluster.StartAsync();
        var api = new Api(first.Http);
        var graph = Graphs.SleepChain(count: 19, sleepMs: 300);
        var workflowId = await api.CreateWorkflowAsync(graph);
        var runIds = new List<string>();
        for (var i = 0; i < 5; i++) runIds.Add(await api.StartRunAsync(workflowId));
        await Api.WaitUntilAsync(async () =>
        {
            foreach (var runId in runIds)
            {
                if ((await api.TraceAsync(runId)).Count(e => (string?)e["type"] == "NODE_COMPLETED") < 3) return false;
            }
            return true;
        }, TimeSpan.FromSeconds(60), "every run to complete a few nodes");

        first.Kill();
        var second = await cluster.StartAsync();
        var restarted = new Api(second.Http);
        await restarted.WaitForStatusAsync(runIds, "COMPLETED", TimeSpan.FromSeconds(180));

        foreach (var runId in runIds)
            TraceChecks.AssertCompletedTrace(runId, await restarted.FinishedTraceAsync(runId), TraceChecks.NodeIds(graph));
    }
}
