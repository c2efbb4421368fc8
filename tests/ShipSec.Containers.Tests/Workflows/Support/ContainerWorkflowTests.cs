using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;
using ShipSec.Containers.Tests.Support;
using ShipSec.Server.Tests.Infrastructure;

namespace ShipSec.Containers.Tests.Workflows.Support;

/// <summary>
/// Base of the workflow tests: each class gets its own <see cref="ContainerServer"/> and a Docker client to see what the runs left
/// on the daemon. Without a daemon the tests are ignored (failed on CI); a missing local image fails naming scripts/build-images.sh.
/// </summary>
public abstract class ContainerWorkflowTests
{
    /// <summary>How long a test waits for a container workflow to get somewhere: tools are slow on a loaded 2-core machine.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly string[] Terminal = ["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"];

    protected ContainerServer Server { get; private set; } = null!;
    protected ApiClient Api { get; private set; } = null!;
    protected IDockerClient Docker { get; private set; } = null!;

    /// <summary>The locally built images the class's workflows run.</summary>
    protected abstract IEnumerable<string> Images { get; }

    [OneTimeSetUp]
    public async Task StartServer()
    {
        await DockerHost.RequireDaemon();
        Docker = new DockerClientConfiguration(new Uri(DockerHost.Endpoint)).CreateClient();
        foreach (var image in Images) await DockerHost.RequireLocalImage(Docker, image);
        Server = new ContainerServer();
        Api = new ApiClient(Server.CreateClient());
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        Api?.Http.Dispose();
        Server?.Dispose();
        Docker?.Dispose();
    }

    /// <summary>Creates the workflow and starts a run of it with <paramref name="inputs"/>; returns the run id.</summary>
    protected async Task<string> Run(JsonObject graph, JsonObject? inputs = null) =>
        await Api.StartRunAsync(await Api.CreateWorkflowAsync(graph), inputs);

    /// <summary>Waits for the run to end and asserts it ended <paramref name="expected"/>, showing every node's state if not.</summary>
    protected async Task<JsonNode> WaitForEnd(string runId, string expected)
    {
        var status = await Until(() => Api.StatusAsync(runId), s => Terminal.Contains((string?)s["status"]), $"run {runId} to end");
        if ((string?)status["status"] != expected)
            Assert.Fail($"Run {runId} ended {status["status"]}, expected {expected}: {status}\n{await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io")}");
        return status;
    }

    /// <summary>Polls the run's trace until an event matches; returns the whole trace at that moment.</summary>
    protected Task<JsonArray> WaitForTrace(string runId, Func<JsonNode, bool> predicate, string what) =>
        Until(() => Api.TraceAsync(runId), events => events.Any(e => predicate(e!)), $"the trace of {runId} to contain {what}");

    /// <summary>Polls the daemon until the run has a running container; returns it.</summary>
    protected async Task<ContainerListResponse> WaitForRunningContainer(string runId) =>
        (await Until(() => DockerHost.ContainersOfRun(Docker, runId), cs => cs.Any(c => c.State == "running"), $"a running container of run {runId}"))
        .First(c => c.State == "running");

    /// <summary>Polls the daemon until no container of the run is left; fails naming the ones that stay.</summary>
    protected Task WaitUntilNoContainerIsLeft(string runId) =>
        Until(() => DockerHost.ContainersOfRun(Docker, runId), cs => cs.Count == 0, $"the containers of run {runId} to be removed");

    protected Task<JsonNode> NodeIo(string runId, string nodeId) => Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/{nodeId}");

    protected static string? Type(JsonNode? e) => (string?)e?["type"];

    protected static long Sequence(JsonNode? e) => (long)e!["sequence"]!;

    protected static bool IsNodeEvent(JsonNode? e, string type, string nodeId) => Type(e) == type && (string?)e!["nodeId"] == nodeId;

    /// <summary>Repeats <paramref name="read"/> until <paramref name="done"/> holds; fails after <see cref="Patience"/> with the last value.</summary>
    protected static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        var last = await read();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Gave up waiting for {what}; last seen: {Describe(last)}");
            await Task.Delay(PollInterval);
            last = await read();
        }
        return last;
    }

    private static string Describe<T>(T value) => value switch
    {
        IEnumerable<ContainerListResponse> containers => string.Join(", ", containers.Select(c => $"{c.ID[..12]} {c.State}")),
        _ => value?.ToString() ?? "null",
    };
}
