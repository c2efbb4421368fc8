using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.Streaming;

/// <summary><c>GET …/runs/{runId}/stream</c>: live delivery, resume by <c>Last-Event-ID</c> or <c>?cursor</c>, completion, keep-alives and errors.</summary>
public sealed class StreamTests
{
    private TraceServer _server = null!;
    private TraceApi _api = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new TraceServer(new Dictionary<string, string>
        {
            ["ShipSec:Trace:Stream:KeepAlive"] = "00:00:00.200",
            ["ShipSec:Trace:Stream:PollInterval"] = "00:00:00.200",
        });
        _api = _server.Start();
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task A_client_connected_while_the_run_is_live_receives_exactly_the_stored_trace_in_order_then_complete()
    {
        var runId = await _api.StartAsync(Chain("live", Sleep("wait", 300), Logs("logs", 300), Progress("progress", 3)));

        await using var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId));
        var messages = await stream.ReadUntilAsync(m => m.Event == "complete");
        var afterComplete = await stream.ReadAsync();
        var trace = await _api.TraceAsync(runId);

        var streamed = messages.Events();
        Assert.That(streamed.Texts(), Is.EqualTo(trace.Texts()), "the stream delivers the stored events, byte for byte, in order");
        Assert.That(streamed.Sequences(), Is.EqualTo(StreamedTrace.OneTo(trace.Count)));
        var statuses = messages.Where(m => m.Event == "status").Select(m => (string)m.Json["status"]!).ToList();
        Assert.That(statuses[0], Is.AnyOf("QUEUED", "RUNNING"), "the client joined while the run was live");
        Assert.That(statuses[^1], Is.EqualTo("COMPLETED"));
        Assert.That(messages[^1].Json.ToJsonString(), Is.EqualTo(new JsonObject { ["runId"] = runId, ["status"] = "COMPLETED" }.ToJsonString()));
        Assert.That(afterComplete, Is.Null, "the stream ends after complete");
    }

    [Test]
    public async Task Each_trace_message_has_its_last_sequence_as_id_and_cursor()
    {
        var runId = await _api.StartAsync(Chain("ids", Logs("logs", 1200)));

        await using var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId));
        var messages = await stream.ReadUntilAsync(m => m.Event == "complete");

        foreach (var message in messages.Where(m => m.Event == "trace"))
        {
            var last = (long)message.Json["events"]!.AsArray()[^1]!["sequence"]!;
            Assert.That(message.Id, Is.EqualTo(last.ToString()));
            Assert.That((long)message.Json["cursor"]!, Is.EqualTo(last));
        }
        Assert.That(messages.Where(m => m.Event != "trace").Select(m => m.Id), Is.All.Null,
            "status and complete carry no id, so a client's Last-Event-ID stays a trace sequence");
    }

    [Test]
    public async Task A_client_that_reconnects_with_Last_Event_ID_gets_the_rest_without_gap_or_repeat()
    {
        var runId = await _api.StartAsync(Chain("reconnect", Logs("logs", 600, linesPerSecond: 300)));

        List<SseMessage> first;
        await using (var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId)))
        {
            var received = 0;
            first = await stream.ReadUntilAsync(m => m.Event == "trace" && (received += m.Json["events"]!.AsArray().Count) >= 100);
        }
        var lastId = first.Last(m => m.Event == "trace").Id!;
        await using var resumed = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId), lastEventId: lastId);
        var rest = await resumed.ReadUntilAsync(m => m.Event == "complete");
        var trace = await _api.TraceAsync(runId);

        Assert.That(first.Select(m => m.Event), Has.None.EqualTo("complete"), "the first connection ended mid-run");
        Assert.That(rest.Events().Sequences()[0], Is.EqualTo(long.Parse(lastId) + 1));
        Assert.That(first.Events().Concat(rest.Events()).Texts(), Is.EqualTo(trace.Texts()));
        Assert.That(rest[^1].Event, Is.EqualTo("complete"));
    }

    [Test]
    public async Task The_cursor_query_resumes_after_the_given_sequence()
    {
        var runId = await _api.StartAsync(Chain("cursor", Progress("progress", 5)));
        await _api.WaitForEndAsync(runId);
        var trace = await _api.TraceAsync(runId);

        await using var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId, "?cursor=5"));
        var messages = await stream.ReadUntilAsync(m => m.Event == "complete");

        Assert.That(messages.Events().Texts(), Is.EqualTo(trace.Skip(5).Texts()));
    }

    [Test]
    public async Task Last_Event_ID_wins_over_the_cursor_query_because_browsers_reconnect_to_the_original_url()
    {
        var runId = await _api.StartAsync(Chain("precedence", Progress("progress", 5)));
        await _api.WaitForEndAsync(runId);
        var trace = await _api.TraceAsync(runId);

        await using var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId, "?cursor=1"), lastEventId: "7");
        var messages = await stream.ReadUntilAsync(m => m.Event == "complete");

        Assert.That(messages.Events().Texts(), Is.EqualTo(trace.Skip(7).Texts()));
    }

    [Test]
    public async Task A_client_joining_after_the_run_ended_gets_the_whole_trace_then_the_final_status_and_complete()
    {
        var runId = await _api.StartAsync(Chain("late", Progress("progress", 3)));
        var finalStatus = await _api.WaitForEndAsync(runId);
        var trace = await _api.TraceAsync(runId);

        await using var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId));
        var messages = await stream.ReadUntilAsync(m => m.Event == "complete");

        Assert.That(messages.Events().Texts(), Is.EqualTo(trace.Texts()));
        Assert.That(messages.Select(m => m.Event).Skip(messages.Count - 2), Is.EqualTo(new[] { "status", "complete" }));
        Assert.That(messages[^2].Json.ToJsonString(), Is.EqualTo(finalStatus.ToJsonString()), "the status message is the status document");
    }

    [Test]
    public async Task Resuming_after_the_last_event_of_an_ended_run_completes_without_repeating_anything()
    {
        var runId = await _api.StartAsync(Chain("resume-at-end", Progress("progress", 2)));
        await _api.WaitForEndAsync(runId);
        var trace = await _api.TraceAsync(runId);

        await using var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId), lastEventId: trace.Count.ToString());
        var messages = await stream.ReadUntilAsync(m => m.Event == "complete");

        Assert.That(messages.Select(m => m.Event), Is.EqualTo(new[] { "status", "complete" }));
    }

    [Test]
    public async Task An_idle_stream_carries_keepalive_comments()
    {
        var runId = await _api.StartAsync(Chain("idle", Sleep("wait", 1500)));

        await using var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId));
        var comments = new List<string>();
        while (await stream.ReadAsync() is { } message && message.Event != "complete")
        {
            if (message.Comment is { } comment) comments.Add(comment);
        }

        Assert.That(comments, Has.Member("keepalive"));
    }

    [Test]
    public async Task An_unknown_run_is_a_404_problem()
    {
        using var response = await SseClient.SendAsync(_api.Http, TraceApi.StreamPath("run-that-does-not-exist"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"], Does.Contain("run-that-does-not-exist"));
    }

    [TestCase("?cursor=abc", null, "cursor")]
    [TestCase("?cursor=-1", null, "cursor")]
    [TestCase("", "next", "Last-Event-ID")]
    public async Task A_malformed_cursor_is_a_400_problem_naming_it(string query, string? lastEventId, string named)
    {
        var runId = await _api.StartAsync(Chain("bad-cursor", Progress("progress", 1)));

        using var response = await SseClient.SendAsync(_api.Http, TraceApi.StreamPath(runId, query), lastEventId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"], Does.StartWith(named));
    }
}
