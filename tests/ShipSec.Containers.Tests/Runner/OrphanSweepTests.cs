using System.Globalization;
using Docker.DotNet.Models;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Runner;

/// <summary>Containers left by a crashed worker (managed, past their deadline) are swept; live ones are not.</summary>
public class OrphanSweepTests
{
    [Test]
    public async Task The_sweep_removes_managed_containers_past_their_deadline_and_keeps_the_others()
    {
        using var runner = await DockerHost.Runner();
        await DockerHost.RequireLocalImage(runner.Client, DockerHost.BaseImage);
        var runId = DockerHost.NewRunId();
        var now = DateTimeOffset.UtcNow;
        // What a worker that crashed mid-run leaves behind: a started container whose deadline has passed.
        var orphan = await StartSleeper(runner, runId, "orphan", now.AddMinutes(-1));
        var live = await StartSleeper(runner, runId, "live", now.AddMinutes(30));
        try
        {
            var removed = await runner.SweepOrphansAsync(CancellationToken.None);

            var left = (await DockerHost.ContainersOfRun(runner.Client, runId)).Select(c => c.ID).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(removed, Is.GreaterThanOrEqualTo(1));
                Assert.That(left, Is.EqualTo(new[] { live }));
                Assert.That(left, Does.Not.Contain(orphan));
            });
        }
        finally
        {
            await runner.RemoveRunContainersAsync(runId, CancellationToken.None);
        }
    }

    [Test]
    public async Task Removing_a_runs_containers_removes_every_one_of_them()
    {
        using var runner = await DockerHost.Runner();
        await DockerHost.RequireLocalImage(runner.Client, DockerHost.BaseImage);
        var runId = DockerHost.NewRunId();
        await StartSleeper(runner, runId, "a", DateTimeOffset.UtcNow.AddMinutes(30));
        await StartSleeper(runner, runId, "b", DateTimeOffset.UtcNow.AddMinutes(30));

        var removed = await runner.RemoveRunContainersAsync(runId, CancellationToken.None);

        var left = await DockerHost.ContainersOfRun(runner.Client, runId);
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(2));
            Assert.That(left, Is.Empty);
        });
    }

    private static async Task<string> StartSleeper(DockerRunner runner, string runId, string nodeId, DateTimeOffset deadline)
    {
        var created = await runner.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = DockerHost.BaseImage,
            Cmd = ["sleep", "600"],
            Labels = new Dictionary<string, string>
            {
                [ContainerLabels.Managed] = "true",
                [ContainerLabels.RunId] = runId,
                [ContainerLabels.NodeId] = nodeId,
                [ContainerLabels.Deadline] = deadline.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            },
            HostConfig = new HostConfig { NetworkMode = "none" },
        });
        await runner.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return created.ID;
    }
}
