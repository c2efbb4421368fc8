using NUnit.Framework;
using ShipSec.Activities.Testing;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.ModuleOutput;

/// <summary>With the cap above the output and no rate limit, 100,000 lines all reach the trace with gap-free sequences, and no output artifact is made.</summary>
public sealed class UncappedLogTests
{
    private const int Lines = 100_000;

    private TraceServer _server = null!;
    private TraceApi _api = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new TraceServer(new Dictionary<string, string>
        {
            ["ShipSec:Trace:MaxLogLinesPerNode"] = "200000",
            ["ShipSec:Trace:MaxLogLinesPerSecond"] = "0",
        });
        _api = _server.Start();
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task Every_one_of_100000_lines_is_stored_in_order_with_sequences_1_to_n()
    {
        var runId = await _api.StartAsync(Chain("everything", Logs("logs", Lines)));
        Assert.That((string?)(await _api.WaitForEndAsync(runId))["status"], Is.EqualTo("COMPLETED"));
        var trace = await _api.TraceAsync(runId);

        var lines = trace.Where(e => (string?)e["type"] == "NODE_LOG" && (string?)e["nodeId"] == "logs").Select(e => (string)e["data"]!["line"]!);
        Assert.That(lines, Is.EqualTo(Enumerable.Range(1, Lines).Select(n => LogsModule.Line(n, 80))));
        Assert.That(trace.Sequences(), Is.EqualTo(StreamedTrace.OneTo(trace.Count)));
        Assert.That(trace.Select(e => (string)e["id"]!).Distinct().Count(), Is.EqualTo(trace.Count));
        Assert.That(await _api.ArtifactsAsync(runId), Is.Empty, "nothing was left out, so the trace is the output");
    }
}
