using NUnit.Framework;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.Streaming;

/// <summary>A client that stops reading: its stream ends cleanly once the small per-connection buffer stays full, and it resumes with its cursor.</summary>
public sealed class SlowClientTests
{
    private TraceServer _server = null!;
    private TraceApi _api = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new TraceServer(new Dictionary<string, string>
        {
            ["ShipSec:Trace:Stream:PageSize"] = "50",
            ["ShipSec:Trace:Stream:MaxBufferedBatches"] = "1",
            ["ShipSec:Trace:Stream:SlowClientTimeout"] = "00:00:00.300",
            ["ShipSec:Trace:MaxLogLinesPerNode"] = "100000",
            ["ShipSec:Trace:MaxLogLinesPerSecond"] = "0",
        });
        _api = _server.Start();
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task A_client_that_stops_reading_is_cut_off_after_whole_messages_and_resumes_from_its_last_id()
    {
        // About 30 MB of trace: far more than the socket buffers hold while the client reads nothing.
        var runId = await _api.StartAsync(Chain("flood", Logs("logs", 30_000, lineLength: 900)));
        await _api.WaitForEndAsync(runId);
        var trace = await _api.TraceAsync(runId);

        await using var stalled = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId));
        await TraceApi.WaitForAsync(() => Task.FromResult(_server.Total("shipsec.trace.stream.cutoff")), n => n >= 1, "the server to cut the stalled stream off");
        var beforeCutOff = await stalled.ReadUntilAsync(_ => false);

        Assert.That(beforeCutOff.Select(m => m.Event), Has.None.EqualTo("complete"), "a cut-off stream does not claim the run is complete");
        Assert.That(beforeCutOff.Events().Count, Is.LessThan(trace.Count), "the stream ended before the end of the trace");
        Assert.That(beforeCutOff.Events().Sequences(), Is.EqualTo(StreamedTrace.OneTo(beforeCutOff.Events().Count)),
            "every message that arrived is whole, and they form a gap-free prefix");

        await using var resumed = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId), lastEventId: beforeCutOff.Last(m => m.Event == "trace").Id);
        var rest = await resumed.ReadUntilAsync(m => m.Event == "complete");

        Assert.That(beforeCutOff.Events().Concat(rest.Events()).Texts(), Is.EqualTo(trace.Texts()));
        Assert.That(rest[^1].Event, Is.EqualTo("complete"));
    }
}
