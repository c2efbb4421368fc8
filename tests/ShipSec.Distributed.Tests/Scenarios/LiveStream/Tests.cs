using System.Globalization;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Activities.Testing;
using ShipSec.Distributed.Tests.Infrastructure;
using ShipSec.Testing;

namespace ShipSec.Distributed.Tests.Scenarios.LiveStream;

/// <summary>
/// The trace on the production profile: runs execute on a worker process and their trace reaches PostgreSQL through a
/// collector process. Streaming clients use two api processes that hear of new events only through cross-process
/// notification (their poll of the store is ten minutes apart, far beyond any deadline here).
/// </summary>
public sealed class Tests
{
    private const int FloodLines = 100_000;

    /// <summary>How long a stream may take to reach what a test waits for; runs here take seconds.</summary>
    private static readonly TimeSpan StreamPatience = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan RunPatience = TimeSpan.FromMinutes(10);

    private static readonly Dictionary<string, string> NotifiedOnly = new() { ["ShipSec__Trace__Stream__PollInterval"] = "00:10:00" };

    [Test]
    [CancelAfter(600_000)]
    public async Task Clients_on_two_api_instances_connected_before_the_run_starts_receive_exactly_the_stored_trace_then_complete()
    {
        await using var cluster = await Cluster.CreateAsync("sse_live");
        var (a, b) = await StartStreamingApisAsync(cluster);
        var api = new Api(a.Http);
        var graph = Workflows.Watched();
        // No worker yet: the run is queued and nothing executes until the clients are listening.
        var runId = await api.StartRunAsync(await api.CreateWorkflowAsync(graph));
        await using var onA = await SseClient.ConnectAsync(a.Http, Api.StreamPath(runId), patience: StreamPatience);
        await using var onB = await SseClient.ConnectAsync(b.Http, Api.StreamPath(runId), patience: StreamPatience);
        var readingA = onA.ReadUntilAsync(m => m.Event == "complete", StreamPatience);
        var readingB = onB.ReadUntilAsync(m => m.Event == "complete", StreamPatience);

        var worker = await cluster.StartAsync("worker");
        var fromA = await readingA;
        var fromB = await readingB;
        var afterCompleteA = await onA.ReadAsync();
        var afterCompleteB = await onB.ReadAsync();
        var trace = await api.TraceAsync(runId);

        TraceChecks.AssertCompletedTrace(runId, trace, TraceChecks.NodeIds(graph));
        Assert.That(TraceChecks.Starts(trace).Select(s => s.Worker).Distinct(), Is.EqualTo(new[] { worker.WorkerName }),
            "every node ran on the worker process");
        AssertStreamedExactly("client on A", fromA, afterCompleteA, trace);
        AssertStreamedExactly("client on B", fromB, afterCompleteB, trace);
    }

    [Test]
    [CancelAfter(600_000)]
    public async Task A_client_that_disconnects_mid_run_resumes_on_either_instance_by_Last_Event_ID_or_cursor_without_gap_or_repeat()
    {
        await using var cluster = await Cluster.CreateAsync("sse_resume");
        var (a, b) = await StartStreamingApisAsync(cluster);
        await cluster.StartAsync("worker");
        var api = new Api(a.Http);
        // 3,000 lines at 200 a second: the run stays live for about 15 s while the client reads, leaves and comes back.
        var runId = await api.StartRunAsync(await api.CreateWorkflowAsync(Workflows.Paced(lines: 3000, linesPerSecond: 200)));

        var first = await ReadEventsAsync(a, Api.StreamPath(runId), lastEventId: null, count: 100);
        var firstLastId = first.Last(m => m.Event == "trace").Id!;
        var second = await ReadEventsAsync(b, Api.StreamPath(runId), lastEventId: firstLastId, count: 100);
        var secondLastId = second.Last(m => m.Event == "trace").Id!;
        List<SseMessage> third;
        await using (var stream = await SseClient.ConnectAsync(a.Http, Api.StreamPath(runId, $"?cursor={secondLastId}"), patience: StreamPatience))
        {
            third = await stream.ReadUntilAsync(m => m.Event == "complete", StreamPatience);
        }
        var trace = await api.TraceAsync(runId);

        Assert.That(first.Concat(second).Select(m => m.Event), Has.None.EqualTo("complete"), "both connections ended while the run was live");
        Assert.That(second.Events().Sequences()[0], Is.EqualTo(long.Parse(firstLastId) + 1), "Last-Event-ID on B resumes right after the last id from A");
        Assert.That(third.Events().Sequences()[0], Is.EqualTo(long.Parse(secondLastId) + 1), "?cursor on A resumes right after the last id from B");
        Assert.That(first.Concat(second).Concat(third).Events().Texts(), Is.EqualTo(trace.Texts()),
            "the three connections together hold the whole trace, each event once, in order");
        Assert.That((string?)third[^1].Json["status"], Is.EqualTo("COMPLETED"));
    }

    [Test]
    [CancelAfter(900_000)]
    public async Task All_100000_log_lines_of_a_node_on_the_worker_process_are_stored_in_order_with_sequences_1_to_n()
    {
        await using var cluster = await Cluster.CreateAsync("log_flood");
        var apiServer = await cluster.StartAsync("api");
        await cluster.StartAsync("collector");
        var worker = await cluster.StartAsync("worker", new Dictionary<string, string>
        {
            ["ShipSec__Trace__MaxLogLinesPerNode"] = "200000",
            ["ShipSec__Trace__MaxLogLinesPerSecond"] = "0",
        });
        var api = new Api(apiServer.Http);

        var runId = await api.StartRunAsync(await api.CreateWorkflowAsync(Workflows.Flood(FloodLines)));
        await api.WaitForStatusAsync([runId], "COMPLETED", RunPatience);
        var trace = await api.FinishedTraceAsync(runId);

        Assert.That(trace.Sequences(), Is.EqualTo(StreamedTrace.OneTo(trace.Count)), "sequences are 1..n without a gap");
        Assert.That(trace.Select(e => (string)e["id"]!), Is.Unique);
        Assert.That(LogLines(trace), Is.EqualTo(Enumerable.Range(1, FloodLines).Select(n => LogsModule.Line(n, 80))),
            "every line is stored, once, in the order written");
        Assert.That(NodeLogs(trace).Where(e => (string?)e["level"] == "warn"), Is.Empty, "nothing was dropped, so nothing is reported");
        Assert.That(TraceChecks.Starts(trace).Single(s => s.NodeId == Workflows.LogsNode).Worker, Is.EqualTo(worker.WorkerName));
    }

    [Test]
    [CancelAfter(900_000)]
    public async Task With_the_default_log_limits_the_stored_lines_and_the_reported_dropped_count_add_up_to_all_100000_lines()
    {
        await using var cluster = await Cluster.CreateAsync("log_limits");
        var apiServer = await cluster.StartAsync("api");
        await cluster.StartAsync("collector");
        var worker = await cluster.StartAsync("worker");
        var api = new Api(apiServer.Http);

        var runId = await api.StartRunAsync(await api.CreateWorkflowAsync(Workflows.Flood(FloodLines)));
        await api.WaitForStatusAsync([runId], "COMPLETED", RunPatience);
        var trace = await api.FinishedTraceAsync(runId);

        Assert.That(trace.Sequences(), Is.EqualTo(StreamedTrace.OneTo(trace.Count)), "sequences are 1..n without a gap");
        var stored = LogLines(trace);
        var numbers = stored.Select(line => int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.That(stored, Is.EqualTo(numbers.Select(n => LogsModule.Line(n, 80))), "stored lines are the module's lines, whole");
        Assert.That(numbers, Is.Ordered.Ascending.And.Unique, "stored lines keep the order written, each once");
        var completed = trace.Single(e => (string?)e["type"] == "NODE_COMPLETED" && (string?)e["nodeId"] == Workflows.LogsNode);
        var summary = NodeLogs(trace).Last(e => (string?)e["level"] == "warn");
        var dropped = (long)summary["data"]!["droppedLines"]!;
        Assert.That((string?)summary["message"], Does.StartWith($"{dropped} of {FloodLines} log lines were kept out of the trace"));
        Assert.That(stored.Count + dropped, Is.EqualTo(FloodLines), "every line is either stored or counted as dropped");
        Assert.That(trace.IndexOf(summary), Is.LessThan(trace.IndexOf(completed)), "the count belongs to the attempt, before NODE_COMPLETED");
        Assert.That(TraceChecks.Starts(trace).Single(s => s.NodeId == Workflows.LogsNode).Worker, Is.EqualTo(worker.WorkerName));

        var artifact = trace.Single(e => (string?)e["type"] == "NODE_ARTIFACT")["data"]!;
        var output = await api.DownloadAsync(runId, (string)artifact["artifactId"]!);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(Enumerable.Range(1, FloodLines).Select(n => LogsModule.Line(n, 80))),
            "the output artifact, written by the worker process and served by the api process, holds every line");
    }

    /// <summary>Starts the collector, then api processes A and B that learn of new events only when notified.</summary>
    private static async Task<(ServerProcess A, ServerProcess B)> StartStreamingApisAsync(Cluster cluster)
    {
        await cluster.StartAsync("collector");
        var a = await cluster.StartAsync("api", NotifiedOnly);
        var b = await cluster.StartAsync("api", NotifiedOnly);
        return (a, b);
    }

    /// <summary>Opens a stream on <paramref name="server"/>, reads until at least <paramref name="count"/> trace events arrived, and disconnects.</summary>
    private static async Task<List<SseMessage>> ReadEventsAsync(ServerProcess server, string path, string? lastEventId, int count)
    {
        await using var stream = await SseClient.ConnectAsync(server.Http, path, lastEventId, StreamPatience);
        var received = 0;
        return await stream.ReadUntilAsync(m => m.Event == "complete" || (m.Event == "trace" && (received += m.Json["events"]!.AsArray().Count) >= count),
            StreamPatience);
    }

    /// <summary>
    /// The stream carried exactly <paramref name="trace"/> in its <c>trace</c> messages, each with its last sequence as <c>id:</c>,
    /// then the final status, then <c>complete</c>, and then it ended.
    /// </summary>
    private static void AssertStreamedExactly(string client, List<SseMessage> messages, SseMessage? afterComplete, List<JsonNode> trace)
    {
        Assert.That(messages.Events().Texts(), Is.EqualTo(trace.Texts()), $"{client}: the stream delivers the stored events, in order, each once");
        foreach (var message in messages.Where(m => m.Event == "trace"))
        {
            Assert.That(message.Id, Is.EqualTo(message.Json["events"]!.AsArray()[^1]!["sequence"]!.ToJsonString()),
                $"{client}: a trace message's id is its last sequence");
        }
        var statuses = messages.Where(m => m.Event == "status").Select(m => (string?)m.Json["status"]).ToList();
        Assert.That(statuses, Is.Not.Empty, $"{client}: the stream reports the run's status");
        Assert.That(statuses[^1], Is.EqualTo("COMPLETED"), $"{client}: the status messages end with the terminal status");
        Assert.That(messages.Select(m => m.Event).TakeLast(2), Is.EqualTo(new[] { "status", "complete" }), $"{client}: complete follows the final status");
        Assert.That((string?)messages[^1].Json["status"], Is.EqualTo("COMPLETED"));
        Assert.That(afterComplete, Is.Null, $"{client}: the stream ends after complete");
    }

    private static List<JsonNode> NodeLogs(IEnumerable<JsonNode> trace) =>
        trace.Where(e => (string?)e["type"] == "NODE_LOG" && (string?)e["nodeId"] == Workflows.LogsNode).ToList();

    /// <summary>The module's own output lines in the trace (notices about dropped lines are on the <c>module</c> stream).</summary>
    private static List<string> LogLines(IEnumerable<JsonNode> trace) =>
        NodeLogs(trace).Where(e => (string?)e["data"]!["stream"] == "stdout").Select(e => (string)e["data"]!["line"]!).ToList();
}
