using NUnit.Framework;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.Streaming;

/// <summary>
/// Two instances on one database, the way a deployment scales its API: the run executes on one, a client streams it from the
/// other, which gets no in-process signal and follows the run by polling the store.
/// </summary>
public sealed class OtherInstanceTests
{
    private readonly string _dataPath = TraceServer.NewDataPath();
    private TraceServer _streaming = null!;
    private TraceServer _executing = null!;

    [OneTimeSetUp]
    public void StartServers()
    {
        var settings = new Dictionary<string, string> { ["ShipSec:Trace:Stream:PollInterval"] = "00:00:00.100" };
        // The streaming instance starts first, so it finds no queued run to start: the run is the other instance's alone.
        _streaming = new TraceServer(settings, _dataPath);
        _streaming.Start();
        _executing = new TraceServer(settings, _dataPath);
        _executing.Start();
    }

    [OneTimeTearDown]
    public void StopServers()
    {
        _executing.Dispose();
        _streaming.Dispose();
        TraceServer.DeleteDataPath(_dataPath);
    }

    [Test]
    public async Task A_run_executed_by_another_instance_streams_completely_and_in_order()
    {
        var executing = new TraceApi(_executing.CreateClient());
        var streaming = new TraceApi(_streaming.CreateClient());
        var runId = await executing.StartAsync(Chain("elsewhere", Sleep("wait", 200), Logs("logs", 500, linesPerSecond: 1000), Progress("progress", 3)));

        await using var stream = await SseClient.ConnectAsync(streaming.Http, TraceApi.StreamPath(runId));
        var messages = await stream.ReadUntilAsync(m => m.Event == "complete");
        var trace = await executing.TraceAsync(runId);

        Assert.That(messages.Events().Texts(), Is.EqualTo(trace.Texts()));
        Assert.That((string?)messages[^1].Json["status"], Is.EqualTo("COMPLETED"));
        Assert.That((string?)messages.First(m => m.Event == "status").Json["status"], Is.AnyOf("QUEUED", "RUNNING"),
            "the stream followed the run while it was live, not in one read at the end");
    }
}
