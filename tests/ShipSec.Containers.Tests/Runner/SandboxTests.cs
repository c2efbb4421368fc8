using Docker.DotNet.Models;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Runner;

/// <summary>The sandbox every container gets, seen from outside (container inspect) and from inside (what the process may do).</summary>
public class SandboxTests
{
    private DockerRunner _runner = null!;

    [OneTimeSetUp]
    public async Task Connect()
    {
        _runner = await DockerHost.Runner();
        await DockerHost.RequireLocalImage(_runner.Client, DockerHost.BaseImage);
    }

    [OneTimeTearDown]
    public void Disconnect() => _runner?.Dispose();

    [Test]
    public async Task Inspect_shows_an_unprivileged_read_only_limited_container_without_network_or_capabilities()
    {
        var runId = DockerHost.NewRunId();
        ContainerInspectResponse? inspected = null;
        var output = new RecordingOutput(async line =>
        {
            if (line.Text != "inspect me") return;
            var id = (await DockerHost.ContainersOfRun(_runner.Client, runId)).Single().ID;
            inspected = await _runner.Client.Containers.InspectContainerAsync(id);
        });
        var limits = new ContainerLimits { MemoryBytes = 256L * 1024 * 1024, Cpus = 0.5, Pids = 64, TmpBytes = 8L * 1024 * 1024 };

        using var result = await _runner.RunAsync(DockerRunnerTests.Shell(runId, "echo 'inspect me'; sleep 1") with { Limits = limits }, output, CancellationToken.None);

        Assert.That(inspected, Is.Not.Null);
        var host = inspected!.HostConfig;
        Assert.Multiple(() =>
        {
            Assert.That(host.Privileged, Is.False);
            Assert.That(host.CapDrop, Is.EqualTo(new[] { "ALL" }));
            Assert.That(host.CapAdd ?? [], Is.Empty);
            Assert.That(host.SecurityOpt, Does.Contain("no-new-privileges"));
            Assert.That(host.ReadonlyRootfs, Is.True);
            Assert.That(host.Tmpfs.Keys, Is.EquivalentTo(new[] { "/tmp" }));
            Assert.That(host.Memory, Is.EqualTo(256L * 1024 * 1024));
            Assert.That(host.MemorySwap, Is.EqualTo(256L * 1024 * 1024), "no swap beyond the memory limit");
            Assert.That(host.NanoCPUs, Is.EqualTo(500_000_000));
            Assert.That(host.PidsLimit, Is.EqualTo(64));
            Assert.That(host.NetworkMode, Is.EqualTo("none"));
            Assert.That(inspected.Config.Labels[ContainerLabels.Managed], Is.EqualTo("true"));
            Assert.That(inspected.Config.Labels[ContainerLabels.RunId], Is.EqualTo(runId));
            Assert.That(inspected.Config.Labels[ContainerLabels.NodeId], Is.EqualTo("node-1"));
            Assert.That(inspected.Config.Labels, Does.ContainKey(ContainerLabels.Deadline));
        });
    }

    [Test]
    public async Task The_process_has_no_capabilities_no_new_privileges_and_cannot_write_outside_work_and_tmp()
    {
        var output = new RecordingOutput();
        const string script = """
            grep -E '^(CapEff|NoNewPrivs):' /proc/self/status
            touch /root-write 2>/dev/null && echo root-writable || echo root-read-only
            touch /tmp/scratch && echo tmp-writable
            touch /work/scratch && echo work-writable
            """;

        using var result = await _runner.RunAsync(DockerRunnerTests.Shell(DockerHost.NewRunId(), script), output, CancellationToken.None);

        Assert.That(output.Stdout.Select(l => l.Replace('\t', ' ')), Is.EqualTo(new[]
        {
            "CapEff: 0000000000000000",
            "NoNewPrivs: 1",
            "root-read-only",
            "tmp-writable",
            "work-writable",
        }));
    }

    [Test]
    public async Task A_declared_capability_is_the_only_one_granted()
    {
        var output = new RecordingOutput();
        var spec = DockerRunnerTests.Shell(DockerHost.NewRunId(), "grep '^CapEff:' /proc/self/status") with { Capabilities = ["NET_RAW"] };

        using var result = await _runner.RunAsync(spec, output, CancellationToken.None);

        // CAP_NET_RAW is bit 13.
        Assert.That(output.Stdout.Single().Replace('\t', ' '), Is.EqualTo("CapEff: 0000000000002000"));
    }

    [Test]
    public async Task A_capability_outside_the_grantable_set_is_refused_before_anything_runs()
    {
        var runId = DockerHost.NewRunId();
        var spec = DockerRunnerTests.Shell(runId, "true") with { Capabilities = ["SYS_ADMIN"] };

        var error = await Assert.ThrowsAsync<ModuleException>(() => _runner.RunAsync(spec, new RecordingOutput(), CancellationToken.None));

        var left = await DockerHost.ContainersOfRun(_runner.Client, runId);
        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Configuration));
            Assert.That(error.Message, Does.Contain("SYS_ADMIN"));
            Assert.That(left, Is.Empty);
        });
    }

    [Test]
    public async Task A_module_that_needs_no_network_only_sees_loopback_even_when_the_operator_network_is_host()
    {
        var output = new RecordingOutput();

        using var result = await _runner.RunAsync(DockerRunnerTests.Shell(DockerHost.NewRunId(), "ls /sys/class/net"), output, CancellationToken.None);

        Assert.That(output.Stdout, Is.EqualTo(new[] { "lo" }));
    }

    [Test]
    public async Task A_module_that_needs_a_network_joins_the_operator_network()
    {
        var runId = DockerHost.NewRunId();
        string? networkMode = null;
        var output = new RecordingOutput(async line =>
        {
            var id = (await DockerHost.ContainersOfRun(_runner.Client, runId)).Single().ID;
            networkMode = (await _runner.Client.Containers.InspectContainerAsync(id)).HostConfig.NetworkMode;
        });

        using var result = await _runner.RunAsync(DockerRunnerTests.Shell(runId, "echo up; sleep 1") with { NeedsNetwork = true }, output, CancellationToken.None);

        Assert.That(networkMode, Is.EqualTo("host"));
    }

    [Test]
    public async Task A_process_that_exceeds_the_memory_limit_is_killed_and_fails_the_run()
    {
        // tail keeps the current line in memory, and /dev/zero never ends its line: without the limit it would eat the host's memory.
        var spec = DockerRunnerTests.BaseSpec(DockerHost.NewRunId()) with
        {
            Entrypoint = ["tail", "-n", "1", "/dev/zero"],
            Limits = new ContainerLimits { MemoryBytes = 32L * 1024 * 1024 },
        };

        var error = await Assert.ThrowsAsync<ModuleException>(() => _runner.RunAsync(spec, new RecordingOutput(), CancellationToken.None));

        // The daemon usually also flags the kill as out-of-memory (the message then says so), but it learns that from an
        // asynchronous event that a fast exit can outrun, so only the SIGKILL exit is certain.
        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Container));
            Assert.That(error.Details!.Value.GetProperty("exitCode").GetInt32(), Is.EqualTo(137));
        });
    }
}
