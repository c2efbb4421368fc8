using NUnit.Framework;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.Status;

/// <summary>The run-status document agrees with the trace: progress counts the completed nodes, a failure names its node and reason.</summary>
public sealed class StatusContractTests
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
    public async Task A_failed_run_names_the_failing_node_and_counts_the_nodes_the_trace_shows_completed()
    {
        var runId = await _api.StartAsync(Chain("fails", Progress("progress", 2), Fail("fail"), Progress("never", 1)));

        await using var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId));
        var messages = await stream.ReadUntilAsync(m => m.Event == "complete");
        var status = await _api.StatusAsync(runId);
        var trace = await _api.TraceAsync(runId);

        var completedInTrace = trace.Where(e => (string?)e["type"] == "NODE_COMPLETED").Select(e => (string)e["nodeId"]!).Distinct().Count();
        var failed = trace.Single(e => (string?)e["type"] == "NODE_FAILED");
        Assert.That((string?)status["status"], Is.EqualTo("FAILED"));
        Assert.That((string?)status["failure"]!["nodeId"], Is.EqualTo("fail"));
        Assert.That((string?)status["failure"]!["reason"], Does.Contain((string)failed["message"]!));
        Assert.That((int)status["progress"]!["completedActions"]!, Is.EqualTo(completedInTrace));
        Assert.That((int)status["progress"]!["totalActions"]!, Is.EqualTo(4));
        var lastStatus = messages.Last(m => m.Event == "status").Json;
        Assert.That(lastStatus.ToJsonString(), Is.EqualTo(status.ToJsonString()), "the stream's last status is the final document");
        Assert.That((string?)messages[^1].Json["status"], Is.EqualTo("FAILED"));
    }

    [Test]
    public async Task Progress_in_the_streamed_status_never_runs_ahead_of_the_completed_nodes_already_streamed()
    {
        var runId = await _api.StartAsync(Chain("progress", Progress("a", 1), Progress("b", 1), Progress("c", 1)));

        await using var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId));
        var messages = await stream.ReadUntilAsync(m => m.Event == "complete");

        var completedSoFar = new HashSet<string>();
        foreach (var message in messages)
        {
            if (message.Event == "trace")
            {
                foreach (var e in message.Json["events"]!.AsArray().Where(e => (string?)e!["type"] == "NODE_COMPLETED"))
                    completedSoFar.Add((string)e!["nodeId"]!);
            }
            if (message.Event == "status")
                Assert.That((int)message.Json["progress"]!["completedActions"]!, Is.LessThanOrEqualTo(completedSoFar.Count), message.Data);
        }
        Assert.That((int)messages.Last(m => m.Event == "status").Json["progress"]!["completedActions"]!, Is.EqualTo(4));
    }
}
