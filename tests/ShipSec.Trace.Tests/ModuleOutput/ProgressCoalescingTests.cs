using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.ModuleOutput;

/// <summary>
/// A module reporting progress 20,000 times as fast as it can, through the real pipeline with the default progress rate (10 per
/// second per node attempt); every log line is kept, so the order of progress and log lines can be checked.
/// </summary>
public sealed class ProgressCoalescingTests
{
    private const int Steps = 20_000;
    private const int DefaultMaxProgressPerSecond = 10;

    private TraceServer _server = null!;
    private TraceApi _api = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new TraceServer(new Dictionary<string, string>
        {
            ["ShipSec:Trace:MaxLogLinesPerNode"] = "100000",
            ["ShipSec:Trace:MaxLogLinesPerSecond"] = "0",
        });
        _api = _server.Start();
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task Fast_reports_are_coalesced_to_the_rate_and_the_final_one_comes_before_NODE_COMPLETED()
    {
        var runId = await _api.StartAsync(Chain("progress flood",
            ("progress", "test.progress", new JsonObject { ["steps"] = Steps, ["delayMs"] = 0 })));
        Assert.That((string?)(await _api.WaitForEndAsync(runId))["status"], Is.EqualTo("COMPLETED"));
        var trace = await _api.TraceAsync(runId);

        var node = trace.Where(e => (string?)e["nodeId"] == "progress").ToList();
        var progress = node.Where(e => (string?)e["type"] == "NODE_PROGRESS").ToList();
        var completed = node.Single(e => (string?)e["type"] == "NODE_COMPLETED");
        var seconds = (long)completed["data"]!["durationMs"]! / 1000.0;
        // Windows of one second each from the first report, at most the limit in each, plus the held report flushed at the end.
        var bound = DefaultMaxProgressPerSecond * ((int)Math.Floor(seconds) + 1) + 1;
        Assert.That(progress, Has.Count.LessThanOrEqualTo(bound), $"{progress.Count} events in {seconds} s");
        Assert.That(progress.Select(e => (long)e["data"]!["current"]!), Is.Ordered.Ascending.And.Unique);
        Assert.That((string?)progress[^1]["data"]!["message"], Is.EqualTo($"step {Steps}/{Steps}"), "the last report is never lost");
        Assert.That(node.IndexOf(progress[^1]), Is.EqualTo(node.IndexOf(completed) - 1), "the final progress is the node's last event before NODE_COMPLETED");
        Assert.That(trace.Sequences(), Is.EqualTo(StreamedTrace.OneTo(trace.Count)));

        // The module logs "step i of n" before it reports "step i/n": that line is in the trace before the progress event.
        var lineIndex = node.Select((e, index) => (e, index)).Where(x => (string?)x.e["type"] == "NODE_LOG")
            .ToDictionary(x => (string)x.e["data"]!["line"]!, x => x.index);
        Assert.That(lineIndex, Has.Count.EqualTo(Steps));
        foreach (var report in progress)
        {
            var current = (long)report["data"]!["current"]!;
            Assert.That(lineIndex[$"step {current} of {Steps}"], Is.LessThan(node.IndexOf(report)), $"log line of step {current}");
        }
    }
}
