using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Runtime.Persistence;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.Streaming;

/// <summary>A run whose status is terminal but whose terminal WORKFLOW_STATUS event never reached the trace (a process died in between) still completes its streams.</summary>
public sealed class TerminalGraceTests
{
    private TraceServer _server = null!;
    private TraceApi _api = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new TraceServer(new Dictionary<string, string>
        {
            ["ShipSec:Trace:Stream:PollInterval"] = "00:00:00.100",
            ["ShipSec:Trace:Stream:TerminalTraceGrace"] = "00:00:00.500",
        });
        _api = _server.Start();
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task A_terminal_status_without_its_trace_event_completes_the_stream_after_the_grace_period()
    {
        var runId = await _api.StartAsync(Chain("lost event", Sleep("wait", 30_000)));
        // Once the sleeping node has started, no transition of the run is in flight that could overwrite the saved status.
        await TraceApi.WaitForAsync(() => _api.TraceAsync(runId),
            trace => trace.Any(e => (string?)e["type"] == "NODE_STARTED" && (string?)e["nodeId"] == "wait"), "the sleeping node to start");
        await SaveStatusWithoutTraceAsync(runId, RunStatus.Failed);

        await using var stream = await SseClient.ConnectAsync(_api.Http, TraceApi.StreamPath(runId));
        var messages = await stream.ReadUntilAsync(m => m.Event == "complete");

        Assert.That(messages.Events().Select(e => (string?)e["data"]?["status"]), Has.None.EqualTo("FAILED"), "the trace has no terminal status event");
        Assert.That((string?)messages[^1].Json["status"], Is.EqualTo("FAILED"));
        Assert.That(messages[^2].Event, Is.EqualTo("status"));
    }

    /// <summary>What a crash between saving a transition and emitting its events leaves behind.</summary>
    private async Task SaveStatusWithoutTraceAsync(string runId, RunStatus status)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var runs = scope.ServiceProvider.GetRequiredService<IRunStore>();
        var run = await runs.LoadAsync(runId, CancellationToken.None);
        run!.State.Status = status;
        run.State.Failure = new RunFailure { Reason = "worker lost" };
        await runs.SaveAsync(runId, run.State, CancellationToken.None);
    }
}
