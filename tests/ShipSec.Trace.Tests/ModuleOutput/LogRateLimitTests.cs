using NUnit.Framework;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.ModuleOutput;

/// <summary>The default limits (10,000 lines per node, 1,000 lines per second) against 100,000 lines written as fast as possible.</summary>
public sealed class LogRateLimitTests
{
    private const int Lines = 100_000;

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
    public async Task Lines_over_the_rate_limit_are_reported_so_kept_plus_dropped_is_every_line()
    {
        var runId = await _api.StartAsync(Chain("flood", Logs("logs", Lines)));
        await _api.WaitForEndAsync(runId);
        var trace = await _api.TraceAsync(runId);

        var logs = trace.Where(e => (string?)e["type"] == "NODE_LOG" && (string?)e["nodeId"] == "logs").ToList();
        var kept = logs.Count(e => (string?)e["data"]!["stream"] == "stdout");
        var notices = logs.Where(e => (string?)e["level"] == "warn").ToList();
        var summary = notices[^1];
        Assert.That((string?)notices[0]["message"], Does.StartWith("More than 1000 log lines per second"));
        Assert.That((long)summary["data"]!["droppedLines"]! + kept, Is.EqualTo(Lines), "every line is either in the trace or counted");
        Assert.That((string?)summary["message"], Does.Contain("over the rate limit of 1000 lines per second"));
        Assert.That(trace.Sequences(), Is.EqualTo(StreamedTrace.OneTo(trace.Count)));
    }
}
