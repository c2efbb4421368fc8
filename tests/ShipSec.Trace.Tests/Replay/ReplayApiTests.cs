using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.Replay;

/// <summary>
/// <c>GET …/runs/{runId}/state?at=</c> (scrubbing a finished run's timeline) and <c>GET …/runs/{runId}/diff/{otherRunId}</c>,
/// driven through the HTTP API of a real embedded server.
/// </summary>
public sealed class ReplayApiTests
{
    private TraceServer _server = null!;
    private TraceApi _api = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new TraceServer();
        _api = _server.Start();
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task State_at_a_moment_shows_the_nodes_as_they_stood_then()
    {
        var runId = await _api.StartAsync(Chain("scrub", Sleep("wait", 100), Logs("logs", 50), Progress("progress", 3)));
        await _api.WaitForEndAsync(runId);
        var trace = await _api.TraceAsync(runId);
        var waitDone = trace.Single(e => (string?)e["type"] == "NODE_COMPLETED" && (string?)e["nodeId"] == "wait");

        var then = await _api.GetOkAsync(StatePath(runId, $"?at={Uri.EscapeDataString((string)waitDone["timestamp"]!)}"));

        var nodes = Nodes(then);
        Assert.That((string?)then["status"], Is.EqualTo("RUNNING"));
        Assert.That((string?)nodes["start"]["status"], Is.EqualTo("succeeded"));
        Assert.That((string?)nodes["wait"]["status"], Is.EqualTo("succeeded"));
        Assert.That((string?)nodes["logs"]["status"], Is.EqualTo("idle"));
        Assert.That((string?)nodes["progress"]["status"], Is.EqualTo("idle"));
        Assert.That((long)then["cursor"]!, Is.EqualTo((long)waitDone["sequence"]!), "every event up to that moment, none after");
        Assert.That((int)then["progress"]!["completedActions"]!, Is.EqualTo(2));
    }

    [Test]
    public async Task State_without_a_moment_is_the_end_of_the_run_with_each_nodes_last_log_lines_and_progress()
    {
        var runId = await _api.StartAsync(Chain("end", Logs("logs", 50), Progress("progress", 3)));
        await _api.WaitForEndAsync(runId);
        var trace = await _api.TraceAsync(runId);

        var end = await _api.GetOkAsync(StatePath(runId, "?logLines=5"));

        var nodes = Nodes(end);
        Assert.That((string?)end["status"], Is.EqualTo("COMPLETED"));
        Assert.That((long)end["cursor"]!, Is.EqualTo(trace.Count));
        Assert.That(nodes.Values.Select(n => (string?)n["status"]), Is.All.EqualTo("succeeded"));
        Assert.That((long)nodes["logs"]["logLines"]!, Is.EqualTo(50));
        Assert.That(nodes["logs"]["lastLogs"]!.AsArray().Select(l => ((string)l!["line"]!)[..12]),
            Is.EqualTo(new[] { "line 0000046", "line 0000047", "line 0000048", "line 0000049", "line 0000050" }));
        Assert.That((long?)nodes["progress"]["progress"]?["current"], Is.EqualTo(3));
        Assert.That(end["progress"]!.ToJsonString(), Is.EqualTo(new JsonObject { ["completedActions"] = 3, ["totalActions"] = 3 }.ToJsonString()));
    }

    [Test]
    public async Task State_before_the_first_event_is_all_idle_and_state_up_to_a_sequence_folds_exactly_that_many_events()
    {
        var runId = await _api.StartAsync(Chain("seq", Logs("logs", 10)));
        await _api.WaitForEndAsync(runId);

        var before = await _api.GetOkAsync(StatePath(runId, "?at=2000-01-01T00:00:00Z"));
        var upTo = await _api.GetOkAsync(StatePath(runId, "?sequence=4"));

        Assert.That((string?)before["status"], Is.EqualTo("QUEUED"));
        Assert.That((long)before["cursor"]!, Is.EqualTo(0));
        Assert.That(Nodes(before).Values.Select(n => (string?)n["status"]), Is.All.EqualTo("idle"));
        Assert.That(((long)upTo["cursor"]!, (long)upTo["events"]!), Is.EqualTo((4L, 4L)));
    }

    [TestCase("?at=yesterday", "at")]
    [TestCase("?at=2026-11-25T10:00:00Z&sequence=3", "at")]
    [TestCase("?logLines=-1", "logLines")]
    [TestCase("?logLines=100000", "logLines")]
    [TestCase("?sequence=-2", "sequence")]
    public async Task State_answers_malformed_parameters_with_a_problem_naming_them(string query, string parameter)
    {
        var runId = await _api.StartAsync(Chain("bad", Sleep("wait", 1)));

        using var response = await _api.Http.GetAsync(StatePath(runId, query));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(body, Does.Contain(parameter));
    }

    [Test]
    public async Task State_and_diff_of_an_unknown_run_are_not_found()
    {
        var runId = await _api.StartAsync(Chain("known", Sleep("wait", 1)));

        using var state = await _api.Http.GetAsync(StatePath("no-such-run", ""));
        using var diff = await _api.Http.GetAsync($"/api/v1/workflows/runs/{runId}/diff/no-such-run");

        Assert.That(state.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(diff.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await diff.Content.ReadAsStringAsync(), Does.Contain("no-such-run"));
    }

    [Test]
    public async Task Diff_of_two_runs_names_added_and_removed_nodes_status_and_output_changes()
    {
        var v1 = Chain("diffed", Logs("logs", 10), Sleep("check", 1), Sleep("old", 1));
        var v2 = Chain("diffed", Logs("logs", 20), Fail("check"), Sleep("new", 1));
        var workflowId = await CreateAsync(v1);
        var first = await RunAsync(workflowId);
        await _api.WaitForEndAsync(first);
        await UpdateAsync(workflowId, v2);
        var second = await RunAsync(workflowId);
        await _api.WaitForEndAsync(second);

        var diff = await _api.GetOkAsync($"/api/v1/workflows/runs/{first}/diff/{second}");

        var nodes = diff["nodes"]!.AsArray().ToDictionary(n => (string)n!["nodeId"]!, n => n!);
        Assert.That(((string?)diff["before"]!["status"], (string?)diff["after"]!["status"]), Is.EqualTo(("COMPLETED", "FAILED")));
        Assert.That(diff["nodesAdded"]!.AsArray().Select(n => (string?)n), Is.EqualTo(new[] { "new" }));
        Assert.That(diff["nodesRemoved"]!.AsArray().Select(n => (string?)n), Is.EqualTo(new[] { "old" }));
        Assert.That(((string?)nodes["check"]["statusBefore"], (string?)nodes["check"]["statusAfter"]), Is.EqualTo(("succeeded", "failed")));
        Assert.That((bool)nodes["check"]["statusChanged"]!, Is.True);
        Assert.That((bool)nodes["logs"]["outputChanged"]!, Is.True, "10 lines then 20");
        Assert.That((bool)nodes["logs"]["statusChanged"]!, Is.False);
        Assert.That((bool)nodes["start"]["changed"]!, Is.False);
        Assert.That((int)diff["nodesChanged"]!, Is.EqualTo(2));
        Assert.That((long?)nodes["logs"]["durationDeltaMs"], Is.EqualTo((long)nodes["logs"]["durationMsAfter"]! - (long)nodes["logs"]["durationMsBefore"]!));
    }

    [Test]
    public async Task Diff_of_runs_of_different_workflows_is_a_bad_request()
    {
        var one = await _api.StartAsync(Chain("one", Sleep("wait", 1)));
        var other = await _api.StartAsync(Chain("other", Sleep("wait", 1)));

        using var response = await _api.Http.GetAsync($"/api/v1/workflows/runs/{one}/diff/{other}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("one workflow"));
    }

    private static string StatePath(string runId, string query) => $"/api/v1/workflows/runs/{runId}/state{query}";

    private static Dictionary<string, JsonNode> Nodes(JsonNode state) =>
        state["nodes"]!.AsArray().ToDictionary(n => (string)n!["nodeId"]!, n => n!);

    private async Task<string> CreateAsync(JsonObject graph) =>
        (string)(await SendAsync(HttpMethod.Post, "/api/v1/workflows", graph, HttpStatusCode.Created))["id"]!;

    private async Task UpdateAsync(string workflowId, JsonObject graph) =>
        await SendAsync(HttpMethod.Put, $"/api/v1/workflows/{workflowId}", graph, HttpStatusCode.OK);

    private async Task<string> RunAsync(string workflowId) =>
        (string)(await SendAsync(HttpMethod.Post, $"/api/v1/workflows/{workflowId}/run", new JsonObject(), HttpStatusCode.Accepted))["runId"]!;

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await _api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), () => $"{method} {path}: {text}");
        return JsonNode.Parse(text)!;
    }
}
