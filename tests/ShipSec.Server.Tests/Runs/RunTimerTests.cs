using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Server.Tests.Runs;

/// <summary>
/// Run timers fire when due, not at the next periodic look: the timer check is set to ten minutes here, so a retry back-off
/// or a run timeout of a second can only fire on time because setting the timer wakes the sweeper and it sleeps until then.
/// </summary>
public sealed class RunTimerTests() : ServerTests(new Dictionary<string, string> { ["ShipSec:Orchestrator:TimerCheckSeconds"] = "600" })
{
    [Test]
    public async Task A_retry_back_off_fires_when_due_without_waiting_for_the_periodic_check()
    {
        var retry = new JsonObject { ["maxAttempts"] = 3, ["initialIntervalSeconds"] = 0.5, ["backoffCoefficient"] = 1 };
        var workflowId = await Api.CreateWorkflowAsync(Workflow("retries",
            [Entry(), Node("flaky", "test.fail", new JsonObject { ["retryable"] = true, ["failAttempts"] = 2 }, retryPolicy: retry)],
            [Control("start", "flaky")]));

        var runId = await Api.StartRunAsync(workflowId);
        await Api.WaitForStatusAsync(runId, "COMPLETED");
        var node = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/flaky");

        Assert.That(node["attempts"]!.AsArray().Select(a => (int)a!["attempt"]!), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task A_run_timeout_fires_when_due_without_waiting_for_the_periodic_check()
    {
        var entry = Entry();
        entry["data"]!["config"]!["timeoutSeconds"] = 1;
        var workflowId = await Api.CreateWorkflowAsync(Workflow("run timeout",
            [entry, Node("nap", "test.sleep", new JsonObject { ["durationMs"] = 120_000 })], [Control("start", "nap")]));

        var runId = await Api.StartRunAsync(workflowId);

        Assert.That((string?)(await Api.WaitForStatusAsync(runId, "TIMED_OUT"))["status"], Is.EqualTo("TIMED_OUT"));
    }
}
