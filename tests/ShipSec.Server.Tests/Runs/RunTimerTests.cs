using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Server.Tests.Runs;

/// <summary>
/// Run timers fire when due, not at the next periodic look: the timer check is set to ten minutes here, so a retry back-off
/// or a run timeout of a second can only fire on time because setting the timer wakes the sweeper and it sleeps until then.
/// </summary>
public sealed class RunTimerTests
{
    private ShipSecServerFactory _server = null!;
    private ApiClient _api = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new ShipSecServerFactory(new Dictionary<string, string> { ["ShipSec:Orchestrator:TimerCheckSeconds"] = "600" });
        _api = new ApiClient(_server.CreateClient());
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        _api.Http.Dispose();
        _server.Dispose();
    }

    [Test]
    public async Task A_retry_back_off_fires_when_due_without_waiting_for_the_periodic_check()
    {
        var retry = new JsonObject { ["maxAttempts"] = 3, ["initialIntervalSeconds"] = 0.5, ["backoffCoefficient"] = 1 };
        var workflowId = await _api.CreateWorkflowAsync(Workflow("retries",
            [Entry(), Node("flaky", "test.fail", new JsonObject { ["retryable"] = true, ["failAttempts"] = 2 }, retryPolicy: retry)],
            [Control("start", "flaky")]));

        var runId = await _api.StartRunAsync(workflowId);
        await _api.WaitForStatusAsync(runId, "COMPLETED");
        var node = await _api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/flaky");

        Assert.That(node["attempts"]!.AsArray().Select(a => (int)a!["attempt"]!), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task A_run_timeout_fires_when_due_without_waiting_for_the_periodic_check()
    {
        var entry = Entry();
        entry["data"]!["config"]!["timeoutSeconds"] = 1;
        var workflowId = await _api.CreateWorkflowAsync(Workflow("run timeout",
            [entry, Node("nap", "test.sleep", new JsonObject { ["durationMs"] = 120_000 })], [Control("start", "nap")]));

        var runId = await _api.StartRunAsync(workflowId);

        Assert.That((string?)(await _api.WaitForStatusAsync(runId, "TIMED_OUT"))["status"], Is.EqualTo("TIMED_OUT"));
    }
}
