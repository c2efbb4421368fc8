using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Support;

/// <summary>
/// The real Docker daemon the tests run against (<c>ShipSec__Docker__Endpoint</c>, default the local socket). Tests are ignored, with
/// the reason, only when no daemon answers and not on CI; a missing locally built image is a failure that says how to build it.
/// </summary>
public static class DockerHost
{
    /// <summary>The base image scripts/build-images.sh imports; it has coreutils and a shell, enough for runner tests.</summary>
    public const string BaseImage = "shipsec/base:bookworm";

    public static string Endpoint => Environment.GetEnvironmentVariable("ShipSec__Docker__Endpoint") ?? "unix:///var/run/docker.sock";

    private static readonly Lazy<Task<string?>> Unavailable = new(ProbeDaemon);

    /// <summary>Options as the tests' operator would set them: host network (loopback targets), local images, no pulls.</summary>
    public static DockerOptions Options(Action<DockerOptions>? adjust = null)
    {
        var options = new DockerOptions
        {
            Endpoint = Endpoint,
            Network = "host",
            PreferLocalImages = true,
            PullMissingImages = false,
            HeartbeatIntervalSeconds = 0.2,
        };
        adjust?.Invoke(options);
        return options;
    }

    /// <summary>A runner on the test daemon, or the test is ignored when there is none.</summary>
    public static async Task<DockerRunner> Runner(Action<DockerOptions>? adjust = null)
    {
        await RequireDaemon();
        return new DockerRunner(Microsoft.Extensions.Options.Options.Create(Options(adjust)), NullLogger<DockerRunner>.Instance);
    }

    /// <summary>
    /// Ignores the test, with the reason, when no daemon answers; on CI (<c>CI=true</c>) a missing daemon fails it instead, so a
    /// pipeline cannot go green having run none of the container tests.
    /// </summary>
    public static async Task RequireDaemon()
    {
        if (await Unavailable.Value is not { } reason) return;
        var message = $"No Docker daemon answers at {Endpoint} ({reason}); run scripts/docker-up.sh to run these tests.";
        if (OnCi) Assert.Fail(message + " CI=true: the container tests must run on CI.");
        Assert.Ignore(message);
    }

    /// <summary>The CI convention: <c>CI=true</c> in the environment.</summary>
    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails, naming the script that builds it, when a locally built image is missing.</summary>
    public static async Task RequireLocalImage(IDockerClient client, string image)
    {
        if (!await HasImage(client, image))
            Assert.Fail($"Image {image} is missing: run scripts/build-images.sh.");
    }

    /// <summary>Ignores the test when a published image that cannot be built here is absent.</summary>
    public static async Task RequirePublishedImage(IDockerClient client, string image)
    {
        if (!await HasImage(client, image))
            Assert.Ignore($"Needs the published image {image}, which cannot be pulled or built on this machine; `docker pull {image}` where a registry is reachable.");
    }

    /// <summary>Containers still present (running or not) that carry <c>shipsec.runId=<paramref name="runId"/></c>.</summary>
    public static async Task<IList<ContainerListResponse>> ContainersOfRun(IDockerClient client, string runId) =>
        await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.RunId}={runId}"] = true },
            },
        });

    /// <summary>A fresh run id, so each test finds exactly its own containers.</summary>
    public static string NewRunId() => $"test-{Guid.NewGuid():N}";

    private static async Task<bool> HasImage(IDockerClient client, string image)
    {
        try
        {
            await client.Images.InspectImageAsync(image);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    private static async Task<string?> ProbeDaemon()
    {
        try
        {
            using var client = new DockerClientConfiguration(new Uri(Endpoint), defaultTimeout: TimeSpan.FromSeconds(5)).CreateClient();
            await client.System.PingAsync();
            return null;
        }
        catch (Exception exception)
        {
            return exception.Message;
        }
    }
}
