using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;

namespace ShipSec.Distributed.Tests.Scenarios.Replay;

/// <summary>Replay and diff on PostgreSQL: the trace folded up to a moment (timestamp comparison in the database) and two runs compared.</summary>
public sealed class Tests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task State_at_a_moment_and_the_diff_of_two_runs_are_folded_from_the_stored_trace()
    {
        await using var cluster = await Cluster.CreateAsync("replay");
        var server = await cluster.StartAsync();
        var api = new Api(server.Http);
        var workflowId = await api.CreateWorkflowAsync(Graphs.SleepChain(count: 3, sleepMs: 20));
        var first = await api.StartRunAsync(workflowId);
        var second = await api.StartRunAsync(workflowId);
        await api.WaitForStatusAsync([first, second], "COMPLETED", TimeSpan.FromSeconds(120));
        var trace = await api.FinishedTraceAsync(first);
        var secondDone = trace.Single(e => (string?)e["type"] == "NODE_COMPLETED" && (string?)e["nodeId"] == "sleep2");

        var then = await api.GetAsync($"/api/v1/workflows/runs/{first}/state?at={Uri.EscapeDataString((string)secondDone["timestamp"]!)}");
        var diff = await api.GetAsync($"/api/v1/workflows/runs/{first}/diff/{second}");

        var statuses = then["nodes"]!.AsArray().ToDictionary(n => (string)n!["nodeId"]!, n => (string?)n!["status"]);
        Assert.That(statuses, Is.EqualTo(new Dictionary<string, string?>
        {
            ["start"] = "succeeded", ["sleep1"] = "succeeded", ["sleep2"] = "succeeded", ["sleep3"] = "idle",
        }));
        Assert.That((long)then["cursor"]!, Is.EqualTo((long)secondDone["sequence"]!));
        Assert.That(((string?)diff["before"]!["status"], (string?)diff["after"]!["status"]), Is.EqualTo(("COMPLETED", "COMPLETED")));
        Assert.That((int)diff["nodesChanged"]!, Is.EqualTo(0), "two runs of the same graph differ only in timings");
        Assert.That(diff["nodes"]!.AsArray(), Has.Count.EqualTo(4));
    }
}
