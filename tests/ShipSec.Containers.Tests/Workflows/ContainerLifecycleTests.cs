using System.Net;
using System.Text.Json.Nodes;
using ShipSec.Containers.Tests.Support;
using ShipSec.Containers.Tests.Workflows.Support;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Containers.Tests.Workflows;

/// <summary>
/// A container that runs for minutes — nmap's service detection waiting on a port that never answers — seen through the HTTP API:
/// its output streams into the trace while it runs, cancelling the run stops it, and a node timeout kills it.
/// </summary>
public sealed class ContainerLifecycleTests : ContainerWorkflowTests
{
    private const string Scan = "scan";

    private SilentListener _silent = null!;

    protected override IEnumerable<string> Images => ["shipsec/nmap:local"];

    [OneTimeSetUp]
    public void StartSilentPort() => _silent = new SilentListener();

    [OneTimeTearDown]
    public async Task StopSilentPort()
    {
        if (_silent is not null) await _silent.DisposeAsync();
    }

    [Test]
    public async Task Tool_output_and_progress_reach_the_trace_while_the_container_still_runs()
    {
        var runId = await Run(SlowScan());
        try
        {
            var trace = await WaitForTrace(runId, e => IsNodeEvent(e, "NODE_PROGRESS", Scan), "nmap's first progress report");
            var container = await Docker.Containers.InspectContainerAsync((await WaitForRunningContainer(runId)).ID);
            var status = await Api.StatusAsync(runId);

            var progress = trace.First(e => IsNodeEvent(e, "NODE_PROGRESS", Scan))!;
            var toolLines = trace.Where(e => IsNodeEvent(e, "NODE_LOG", Scan) && (string?)e!["data"]!["stream"] == "stdout").ToList();
            Assert.Multiple(() =>
            {
                Assert.That(container.State.Running, Is.True, "the progress was reported before the container exited");
                Assert.That((string?)status["status"], Is.EqualTo("RUNNING"));
                Assert.That(trace, Has.None.Matches<JsonNode>(e => IsNodeEvent(e, "NODE_COMPLETED", Scan) || IsNodeEvent(e, "NODE_FAILED", Scan)));
                Assert.That((string?)progress["data"]!["message"], Does.StartWith("Service scan"));
                Assert.That(toolLines.Select(e => (string?)e!["data"]!["line"]), Does.Contain($"Discovered open port {_silent.Port}/tcp on 127.0.0.1"));
                Assert.That(toolLines.Min(Sequence), Is.LessThan(Sequence(progress)), "a tool line was stored before the progress event");
            });
        }
        finally
        {
            await Api.SendAsync(HttpMethod.Post, $"/api/v1/workflows/runs/{runId}/cancel");
            await WaitUntilNoContainerIsLeft(runId);
        }
    }

    [Test]
    public async Task Cancelling_a_run_stops_and_removes_its_container()
    {
        var runId = await Run(SlowScan());
        await WaitForRunningContainer(runId);
        await WaitForTrace(runId, e => IsNodeEvent(e, "NODE_LOG", Scan) && (string?)e!["data"]!["stream"] == "stdout", "a line from nmap");

        var (accepted, _) = await Api.SendAsync(HttpMethod.Post, $"/api/v1/workflows/runs/{runId}/cancel");
        await WaitForEnd(runId, "CANCELLED");
        await WaitUntilNoContainerIsLeft(runId);
        var trace = await Api.TraceAsync(runId);

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(trace, Has.None.Matches<JsonNode>(e => IsNodeEvent(e, "NODE_COMPLETED", Scan)));
        });
    }

    [Test]
    public async Task A_container_module_that_exceeds_its_node_timeout_fails_with_a_timeout_error_and_leaves_no_container()
    {
        var runId = await Run(SlowScan(timeoutSeconds: 15));

        var status = await WaitForEnd(runId, "FAILED");
        var left = await DockerHost.ContainersOfRun(Docker, runId);
        var node = await NodeIo(runId, Scan);
        var trace = await Api.TraceAsync(runId);

        var failed = trace.Single(e => IsNodeEvent(e, "NODE_FAILED", Scan))!;
        Assert.Multiple(() =>
        {
            Assert.That(left, Is.Empty, "the container was removed before the failure was reported");
            Assert.That((string?)status["failure"]!["nodeId"], Is.EqualTo(Scan));
            Assert.That((string?)node["error"]!["type"], Is.EqualTo("TimeoutError"));
            Assert.That((string?)failed["data"]!["error"]!["type"], Is.EqualTo("TimeoutError"));
            Assert.That(trace, Has.Some.Matches<JsonNode>(e => IsNodeEvent(e, "NODE_LOG", Scan) && (string?)e!["data"]!["stream"] == "stdout"),
                "the container ran before the timeout stopped it");
        });
    }

    /// <summary>entry → nmap with service detection against the silent port: runs for minutes, reporting progress every 5 s.</summary>
    private JsonObject SlowScan(int? timeoutSeconds = null)
    {
        var scan = Node(Scan, "network.nmap.scan", new JsonObject
        {
            ["targets"] = new JsonArray("127.0.0.1"),
            ["ports"] = _silent.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["serviceDetection"] = true,
        });
        if (timeoutSeconds is { } seconds) scan["data"]!["config"]!["timeoutSeconds"] = seconds;
        return Workflow("slow scan", [Entry(), scan], [Control("start", Scan)]);
    }
}
