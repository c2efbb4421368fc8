using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Activities.Testing;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.ModuleOutput;

/// <summary>100,000 log lines through the real pipeline with the default cap of 10,000 lines per node (no rate limit): the rest is reported, never silent, and kept in the output artifact.</summary>
public sealed class LogLineCapTests
{
    private const int Lines = 100_000;
    private const int Cap = 10_000;

    private TraceServer _server = null!;
    private TraceApi _api = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new TraceServer(new Dictionary<string, string> { ["ShipSec:Trace:MaxLogLinesPerSecond"] = "0" });
        _api = _server.Start();
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task Lines_over_the_cap_are_counted_in_the_trace_and_the_full_output_is_an_artifact()
    {
        var runId = await _api.StartAsync(Chain("over the cap", Logs("logs", Lines)));
        Assert.That((string?)(await _api.WaitForEndAsync(runId))["status"], Is.EqualTo("COMPLETED"));
        var trace = await _api.TraceAsync(runId);

        var logs = trace.Where(e => (string?)e["type"] == "NODE_LOG" && (string?)e["nodeId"] == "logs").ToList();
        var lines = logs.Where(e => (string?)e["data"]!["stream"] == "stdout").Select(e => (string)e["data"]!["line"]!).ToList();
        var warnings = logs.Where(e => (string?)e["level"] == "warn").ToList();
        Assert.That(lines, Is.EqualTo(Enumerable.Range(1, Cap).Select(n => LogsModule.Line(n, 80))), "the first lines up to the cap, in order");
        Assert.That(warnings, Has.Count.EqualTo(2), "one notice when the cap is reached, one count at the end");
        Assert.That((string?)warnings[0]["message"], Does.Contain($"cap of {Cap} lines reached").And.Contain("logs-output.log"));
        Assert.That((long?)warnings[1]["data"]!["droppedLines"], Is.EqualTo(Lines - Cap));
        Assert.That((string?)warnings[1]["message"], Does.StartWith($"{Lines - Cap} of {Lines} log lines were kept out of the trace"));
        Assert.That(trace.Sequences(), Is.EqualTo(StreamedTrace.OneTo(trace.Count)));
        Assert.That(_server.Total("shipsec.trace.log.lines.dropped"), Is.EqualTo(Lines - Cap));

        var artifact = trace.Single(e => (string?)e["type"] == "NODE_ARTIFACT")["data"]!;
        Assert.That((string?)artifact["name"], Is.EqualTo("logs-output.log"));
        var output = await _api.DownloadAsync(runId, (string)artifact["artifactId"]!);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(Enumerable.Range(1, Lines).Select(n => LogsModule.Line(n, 80))),
            "the artifact holds every line, in order");
        var completed = trace.Single(e => (string?)e["type"] == "NODE_COMPLETED" && (string?)e["nodeId"] == "logs");
        Assert.That(trace.IndexOf(warnings[1]), Is.LessThan(trace.IndexOf(completed)), "the count belongs to the attempt, before NODE_COMPLETED");
    }
}
