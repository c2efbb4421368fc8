using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Server.Tests.Runs;

/// <summary>Runs executed end to end through the orchestrator, the bus, the worker and the trace collector.</summary>
public sealed class RunExecutionTests : ServerTests
{
    private static JsonObject Domains => new() { ["domains"] = "a.example\nb.example\n" };

    [Test]
    public async Task A_run_completes_with_a_gap_free_trace_in_node_order()
    {
        var workflowId = await Api.CreateWorkflowAsync(SplitThenProgress(steps: 3));

        var runId = await Api.StartRunAsync(workflowId, Domains);
        var status = await Api.WaitForStatusAsync(runId, "COMPLETED");
        var trace = await Api.WaitForTraceAsync(runId, IsStatus("COMPLETED"), "WORKFLOW_STATUS COMPLETED");

        var sequences = trace.Select(e => (long)e!["sequence"]!).ToList();
        Assert.That(sequences, Is.EqualTo(Enumerable.Range(1, trace.Count).Select(i => (long)i)));
        Assert.That(trace.Where(e => Type(e) == "WORKFLOW_STATUS").Select(e => (string?)e!["data"]!["status"]),
            Is.EqualTo(new[] { "QUEUED", "RUNNING", "COMPLETED" }));
        foreach (var node in new[] { "start", "split", "progress" })
        {
            var types = trace.Where(e => (string?)e!["nodeId"] == node).Select(Type).ToList();
            Assert.That(types.First(), Is.EqualTo("NODE_STARTED"), node);
            Assert.That(types.Last(), Is.EqualTo("NODE_COMPLETED"), node);
        }
        Assert.That(IndexOf(trace, "start", "NODE_COMPLETED"), Is.LessThan(IndexOf(trace, "split", "NODE_STARTED")));
        Assert.That(IndexOf(trace, "split", "NODE_COMPLETED"), Is.LessThan(IndexOf(trace, "progress", "NODE_STARTED")));
        Assert.That(trace.Count(e => Type(e) == "NODE_PROGRESS" && (string?)e!["nodeId"] == "progress"), Is.EqualTo(3));
        Assert.That((int)status["progress"]!["completedActions"]!, Is.EqualTo(trace.Count(e => Type(e) == "NODE_COMPLETED")));
        Assert.That((int)status["progress"]!["totalActions"]!, Is.EqualTo(3));
        Assert.That(status["completedAt"], Is.Not.Null);
    }

    [Test]
    public async Task Trace_pages_follow_the_cursor_without_gaps_or_repeats()
    {
        var workflowId = await Api.CreateWorkflowAsync(SplitThenProgress(steps: 10));
        var runId = await Api.StartRunAsync(workflowId, Domains);
        await Api.WaitForStatusAsync(runId, "COMPLETED");
        var all = await Api.WaitForTraceAsync(runId, IsStatus("COMPLETED"), "WORKFLOW_STATUS COMPLETED");

        var paged = await Api.TraceAsync(runId, pageSize: 7);
        var first = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/trace?limit=7");

        Assert.That(paged.Select(e => (long)e!["sequence"]!), Is.EqualTo(all.Select(e => (long)e!["sequence"]!)));
        Assert.That((bool)first["hasMore"]!, Is.True);
        Assert.That((long)first["cursor"]!, Is.EqualTo(7));
    }

    [Test]
    public async Task A_failing_node_fails_the_run_naming_the_node()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflow("fails",
            [Entry(), Node("boom", "test.fail", new JsonObject { ["retryable"] = false })],
            [Control("start", "boom")]));

        var runId = await Api.StartRunAsync(workflowId);
        var status = await Api.WaitForStatusAsync(runId, "FAILED");
        var trace = await Api.WaitForTraceAsync(runId, IsStatus("FAILED"), "WORKFLOW_STATUS FAILED");

        Assert.That((string?)status["failure"]!["nodeId"], Is.EqualTo("boom"));
        Assert.That((string?)status["failure"]!["reason"], Is.Not.Empty);
        var failed = trace.Single(e => Type(e) == "NODE_FAILED")!;
        Assert.That((string?)failed["data"]!["error"]!["type"], Is.EqualTo("ValidationError"));
        Assert.That((bool)failed["data"]!["willRetry"]!, Is.False);
    }

    [Test]
    public async Task A_retryable_failure_is_retried_after_its_backoff_and_the_run_completes()
    {
        var retry = new JsonObject { ["maxAttempts"] = 3, ["initialIntervalSeconds"] = 0.05, ["backoffCoefficient"] = 1 };
        var workflowId = await Api.CreateWorkflowAsync(Workflow("retries",
            [Entry(), Node("flaky", "test.fail", new JsonObject { ["retryable"] = true, ["failAttempts"] = 1 }, retryPolicy: retry)],
            [Control("start", "flaky")]));

        var runId = await Api.StartRunAsync(workflowId);
        await Api.WaitForStatusAsync(runId, "COMPLETED");
        var node = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/flaky");
        var trace = await Api.WaitForTraceAsync(runId, IsStatus("COMPLETED"), "WORKFLOW_STATUS COMPLETED");

        Assert.That((string?)node["status"], Is.EqualTo("completed"));
        Assert.That(node["attempts"]!.AsArray().Select(a => (int)a!["attempt"]!), Is.EqualTo(new[] { 1, 2 }));
        Assert.That((string?)node["attempts"]![0]!["error"]!["type"], Is.EqualTo("ServiceError"));
        Assert.That((int)node["outputs"]!["attempt"]!, Is.EqualTo(2));
        var flaky = trace.Where(e => (string?)e!["nodeId"] == "flaky").Select(Type).Where(t => t != "NODE_LOG").ToList();
        Assert.That(flaky, Is.EqualTo(new[] { "NODE_STARTED", "NODE_FAILED", "NODE_STARTED", "NODE_COMPLETED" }));
    }

    [Test]
    public async Task Cancelling_a_sleeping_run_stops_it_as_cancelled()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflow("sleeps",
            [Entry(), Node("nap", "test.sleep", new JsonObject { ["durationMs"] = 120_000 })],
            [Control("start", "nap")]));
        var runId = await Api.StartRunAsync(workflowId);
        await Api.WaitForTraceAsync(runId, e => (string?)e["nodeId"] == "nap" && Type(e) == "NODE_STARTED", "nap NODE_STARTED");

        var (status, accepted) = await Api.SendAsync(HttpMethod.Post, $"/api/v1/workflows/runs/{runId}/cancel");
        await Api.WaitForStatusAsync(runId, "CANCELLED");
        var node = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/nap");
        var (againStatus, again) = await Api.SendAsync(HttpMethod.Post, $"/api/v1/workflows/runs/{runId}/cancel");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((string?)accepted!["runId"], Is.EqualTo(runId));
        Assert.That((string?)node["status"], Is.AnyOf("cancelled", "failed"));
        Assert.That(againStatus, Is.EqualTo(HttpStatusCode.Accepted), "a repeated cancel is answered as done, not as an error");
        Assert.That((string?)again!["status"], Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task A_node_that_exceeds_its_timeout_fails_with_a_timeout_error()
    {
        var sleeper = Node("nap", "test.sleep", new JsonObject { ["durationMs"] = 120_000 });
        sleeper["data"]!["config"]!["timeoutSeconds"] = 1;
        var workflowId = await Api.CreateWorkflowAsync(Workflow("node timeout", [Entry(), sleeper], [Control("start", "nap")]));

        var runId = await Api.StartRunAsync(workflowId);
        var status = await Api.WaitForStatusAsync(runId, "FAILED");
        var node = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/nap");

        Assert.That((string?)status["failure"]!["nodeId"], Is.EqualTo("nap"));
        Assert.That((string?)node["error"]!["type"], Is.EqualTo("TimeoutError"));
    }

    [Test]
    public async Task A_run_that_exceeds_its_timeout_ends_timed_out()
    {
        var entry = Entry();
        entry["data"]!["config"]!["timeoutSeconds"] = 1;
        var workflowId = await Api.CreateWorkflowAsync(Workflow("run timeout",
            [entry, Node("nap", "test.sleep", new JsonObject { ["durationMs"] = 120_000 })], [Control("start", "nap")]));

        var runId = await Api.StartRunAsync(workflowId);
        await Api.WaitForStatusAsync(runId, "TIMED_OUT");
        var trace = await Api.WaitForTraceAsync(runId, IsStatus("TIMED_OUT"), "WORKFLOW_STATUS TIMED_OUT");

        Assert.That(trace.Where(e => Type(e) == "WORKFLOW_STATUS").Select(e => (string?)e!["data"]!["status"]),
            Is.EqualTo(new[] { "QUEUED", "RUNNING", "TIMED_OUT" }));
    }

    [Test]
    public async Task Node_io_shows_each_nodes_inputs_outputs_and_attempts()
    {
        var workflowId = await Api.CreateWorkflowAsync(SplitThenProgress(steps: 1));
        var runId = await Api.StartRunAsync(workflowId, Domains);
        await Api.WaitForStatusAsync(runId, "COMPLETED");

        var all = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io");
        var split = all["nodes"]!.AsArray().Single(n => (string?)n!["nodeId"] == "split")!;

        Assert.That(all["nodes"]!.AsArray().Select(n => (string?)n!["nodeId"]), Is.EqualTo(new[] { "start", "split", "progress" }));
        Assert.That((string?)split["componentId"], Is.EqualTo("core.text.split"));
        Assert.That((string?)split["status"], Is.EqualTo("completed"));
        Assert.That((string?)split["inputs"]!["text"], Is.EqualTo("a.example\nb.example\n"));
        Assert.That(split["outputs"]!["items"]!.AsArray().Select(i => (string?)i), Is.EqualTo(new[] { "a.example", "b.example" }));
        Assert.That((int)split["outputs"]!["count"]!, Is.EqualTo(2));
        Assert.That(split["attempts"]!.AsArray().Select(a => (int)a!["attempt"]!), Is.EqualTo(new[] { 1 }));
        Assert.That(split["startedAt"], Is.Not.Null);
        Assert.That(split["completedAt"], Is.Not.Null);
        Assert.That((long)split["durationMs"]!, Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public async Task Run_lists_filter_by_workflow_and_status()
    {
        var workflowId = await Api.CreateWorkflowAsync(SplitThenProgress(steps: 1));
        var runId = await Api.StartRunAsync(workflowId, Domains);
        await Api.WaitForStatusAsync(runId, "COMPLETED");

        var byWorkflow = await Api.RunsAsync(workflowId);
        var completed = (await Api.GetOkAsync($"/api/v1/workflows/runs?workflowId={workflowId}&status=COMPLETED"))["runs"]!.AsArray();
        var failed = (await Api.GetOkAsync($"/api/v1/workflows/runs?workflowId={workflowId}&status=FAILED"))["runs"]!.AsArray();
        var single = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}");

        Assert.That(byWorkflow.Select(r => (string?)r!["id"]), Is.EqualTo(new[] { runId }));
        Assert.That(completed, Has.Count.EqualTo(1));
        Assert.That(failed, Is.Empty);
        Assert.That((string?)single["status"], Is.EqualTo("COMPLETED"));
        Assert.That((string?)single["workflowName"], Is.EqualTo("split then progress"));
        Assert.That((int)single["nodeCount"]!, Is.EqualTo(3));
    }

    [Test]
    public async Task Concurrent_runs_each_get_their_own_gap_free_trace()
    {
        var workflowId = await Api.CreateWorkflowAsync(SplitThenProgress(steps: 40));

        var runIds = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Api.StartRunAsync(workflowId, Domains)));
        foreach (var runId in runIds) await Api.WaitForStatusAsync(runId, "COMPLETED");

        foreach (var runId in runIds)
        {
            var trace = await Api.WaitForTraceAsync(runId, IsStatus("COMPLETED"), "WORKFLOW_STATUS COMPLETED");
            Assert.That(trace.Select(e => (long)e!["sequence"]!), Is.EqualTo(Enumerable.Range(1, trace.Count).Select(i => (long)i)), runId);
            Assert.That(trace.All(e => (string?)e!["runId"] == runId), runId);
            // 40 fast reports are coalesced to the progress rate; the run's own last one is the final count.
            Assert.That((string?)trace.Last(e => Type(e) == "NODE_PROGRESS")!["message"], Is.EqualTo("step 40/40"), runId);
        }
    }

    [Test]
    public async Task A_secret_input_never_appears_in_the_trace_or_node_io()
    {
        const string secret = "hunter2-very-secret-token";
        var workflowId = await Api.CreateWorkflowAsync(Workflow("secret",
            [Entry("start", RuntimeInput("token", "secret")), Node("echo", EchoModule.Id)],
            [Data("start", "token", "echo", "value")]));

        var runId = await Api.StartRunAsync(workflowId, new JsonObject { ["token"] = secret });
        await Api.WaitForStatusAsync(runId, "COMPLETED");
        var trace = await Api.WaitForTraceAsync(runId, IsStatus("COMPLETED"), "WORKFLOW_STATUS COMPLETED");
        var nodes = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io");
        var start = nodes["nodes"]!.AsArray().Single(n => (string?)n!["nodeId"] == "start")!;

        Assert.That(trace.Count(e => Type(e) == "NODE_LOG" && (string?)e!["nodeId"] == "echo"), Is.EqualTo(1));
        Assert.That(trace.ToJsonString(), Does.Not.Contain("hunter2"));
        Assert.That((string?)start["outputs"]!["token"], Is.EqualTo("***"));
        Assert.That(nodes.ToJsonString(), Does.Not.Contain("hunter2"));
    }

    private static Func<JsonNode, bool> IsStatus(string status) =>
        e => Type(e) == "WORKFLOW_STATUS" && (string?)e["data"]!["status"] == status;

    private static string? Type(JsonNode? e) => (string?)e!["type"];

    private static int IndexOf(JsonArray trace, string nodeId, string type) =>
        trace.Select((e, i) => (e, i)).First(x => (string?)x.e!["nodeId"] == nodeId && Type(x.e) == type).i;
}
