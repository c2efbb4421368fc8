using NUnit.Framework;
using ShipSec.Activities.Testing;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.Collector;

/// <summary>A module that logs faster than the collector stores, against a small emitter buffer: emits wait (and that is measured), nothing is dropped.</summary>
public sealed class BackPressureTests
{
    private const int Lines = 20_000;

    private TraceServer _server = null!;
    private TraceApi _api = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new TraceServer(new Dictionary<string, string>
        {
            ["ShipSec:Trace:EmitterCapacity"] = "64",
            ["ShipSec:Trace:MaxBatchSize"] = "64",
            ["ShipSec:Trace:MaxLogLinesPerNode"] = "100000",
            ["ShipSec:Trace:MaxLogLinesPerSecond"] = "0",
        });
        _api = _server.Start();
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task A_full_emitter_buffer_makes_the_module_wait_which_is_counted_and_every_event_is_stored()
    {
        var runId = await _api.StartAsync(Chain("pressure", Logs("logs", Lines)));
        Assert.That((string?)(await _api.WaitForEndAsync(runId))["status"], Is.EqualTo("COMPLETED"));
        var trace = await _api.TraceAsync(runId);

        Assert.That(_server.Total("shipsec.trace.emitter.blocked"), Is.GreaterThan(0), "emits waited for room");
        Assert.That(_server.Total("shipsec.trace.emitter.blocked.duration"), Is.GreaterThan(0), "and the wait is timed");
        var lines = trace.Where(e => (string?)e["type"] == "NODE_LOG" && (string?)e["nodeId"] == "logs").Select(e => (string)e["data"]!["line"]!);
        Assert.That(lines, Is.EqualTo(Enumerable.Range(1, Lines).Select(n => LogsModule.Line(n, 80))));
        Assert.That(trace.Sequences(), Is.EqualTo(StreamedTrace.OneTo(trace.Count)));
    }
}
