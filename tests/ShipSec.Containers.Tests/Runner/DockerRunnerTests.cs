using Docker.DotNet.Models;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Containers;
using ContainerSpec = ShipSec.Modules.Containers.ContainerSpec;

namespace ShipSec.Containers.Tests.Runner;

/// <summary>The runner against the real daemon, with the base image: streaming, exits, timeout, cancel, files and cleanup.</summary>
public class DockerRunnerTests
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
    public async Task Lines_reach_the_output_while_the_container_is_still_running()
    {
        var runId = DockerHost.NewRunId();
        string? stateWhenFirstLineArrived = null;
        var output = new RecordingOutput(async line =>
        {
            if (line.Text == "first")
                stateWhenFirstLineArrived = (await DockerHost.ContainersOfRun(_runner.Client, runId)).Single().State;
        });

        using var result = await _runner.RunAsync(Shell(runId, "echo first; sleep 3; echo second"), output, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(stateWhenFirstLineArrived, Is.EqualTo("running"), "the first line must arrive before the container exits");
            Assert.That(output.Stdout, Is.EqualTo(new[] { "first", "second" }));
            Assert.That(result.ExitCode, Is.Zero);
            Assert.That(result.StdoutLines, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Stdout_and_stderr_lines_are_told_apart()
    {
        var output = new RecordingOutput();

        using var result = await _runner.RunAsync(Shell(DockerHost.NewRunId(), "echo to-out; echo to-err >&2"), output, CancellationToken.None);

        Assert.That(output.Lines, Is.EquivalentTo(new[]
        {
            new ContainerLine(ContainerStream.Stdout, "to-out"),
            new ContainerLine(ContainerStream.Stderr, "to-err"),
        }));
    }

    [Test]
    public async Task An_argument_with_shell_syntax_stays_one_argument()
    {
        var hostile = new[] { "; touch /work/out/pwned", "$(touch /work/out/pwned)", "`touch /work/out/pwned`", "a && touch /work/out/pwned" };
        var spec = BaseSpec(DockerHost.NewRunId()) with { Entrypoint = ["printf", "%s\\n"], Command = hostile };
        var output = new RecordingOutput();

        using var result = await _runner.RunAsync(spec, output, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(output.Stdout, Is.EqualTo(hostile), "each argument is printed back verbatim");
            Assert.That(result.OutputFiles, Is.Empty, "nothing ran the embedded commands");
        });
    }

    [Test]
    public async Task A_non_zero_exit_is_a_container_error_with_the_exit_code_and_stderr_tail_and_leaves_no_container()
    {
        var runId = DockerHost.NewRunId();

        var error = await Assert.ThrowsAsync<ModuleException>(() =>
            _runner.RunAsync(Shell(runId, "echo warming up >&2; echo 'target refused' >&2; exit 3"), new RecordingOutput(), CancellationToken.None));

        var left = await DockerHost.ContainersOfRun(_runner.Client, runId);
        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Container));
            Assert.That(error.Retryable, Is.False);
            Assert.That(error.Message, Does.Contain("exited with code 3").And.Contain("target refused"));
            Assert.That(error.Details!.Value.GetProperty("exitCode").GetInt32(), Is.EqualTo(3));
            Assert.That(error.Details!.Value.GetProperty("stderrTail").GetString(), Is.EqualTo("warming up\ntarget refused"));
            Assert.That(left, Is.Empty);
        });
    }

    [Test]
    public async Task An_accepted_non_zero_exit_code_is_a_result()
    {
        var spec = Shell(DockerHost.NewRunId(), "exit 1") with { AcceptedExitCodes = [0, 1] };

        using var result = await _runner.RunAsync(spec, new RecordingOutput(), CancellationToken.None);

        Assert.That(result.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public async Task Exceeding_the_timeout_stops_the_container_with_a_timeout_error()
    {
        var runId = DockerHost.NewRunId();
        var spec = Shell(runId, "echo started; sleep 120") with { Timeout = TimeSpan.FromSeconds(1) };
        var output = new RecordingOutput();

        var error = await Assert.ThrowsAsync<ModuleException>(() => _runner.RunAsync(spec, output, CancellationToken.None));

        var left = await DockerHost.ContainersOfRun(_runner.Client, runId);
        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Timeout));
            Assert.That(error.Retryable, Is.True);
            Assert.That(output.Stdout, Is.EqualTo(new[] { "started" }));
            Assert.That(left, Is.Empty);
        });
    }

    [Test]
    public async Task Cancelling_stops_and_removes_the_container_then_throws_operation_canceled()
    {
        var runId = DockerHost.NewRunId();
        using var cancel = new CancellationTokenSource();
        var output = new RecordingOutput(async line =>
        {
            if (line.Text == "started") await cancel.CancelAsync();
        });

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(),
            () => _runner.RunAsync(Shell(runId, "echo started; sleep 120"), output, cancel.Token));

        Assert.That(await DockerHost.ContainersOfRun(_runner.Client, runId), Is.Empty);
    }

    [Test]
    public async Task Disposing_the_runner_of_a_stopping_host_removes_the_containers_still_in_flight()
    {
        var runId = DockerHost.NewRunId();
        var runner = await DockerHost.Runner();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new RecordingOutput(line =>
        {
            if (line.Text == "started") started.TrySetResult();
            return Task.CompletedTask;
        });
        var attempt = runner.RunAsync(Shell(runId, "echo started; sleep 300"), output, CancellationToken.None);
        await started.Task;

        await runner.DisposeAsync();
        var left = await DockerHost.ContainersOfRun(_runner.Client, runId);

        Assert.That(left, Is.Empty);
        Assert.That(async () => (await attempt).Dispose(), Throws.Exception, "the attempt fails rather than waiting for a removed container");
    }

    [Test]
    public async Task A_successful_run_leaves_no_container_or_volume()
    {
        var runId = DockerHost.NewRunId();

        using (await _runner.RunAsync(Shell(runId, "echo done > /work/out/done.txt"), new RecordingOutput(), CancellationToken.None))
        {
        }

        var volumes = await _runner.Client.Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.RunId}={runId}"] = true } },
        });
        var left = await DockerHost.ContainersOfRun(_runner.Client, runId);
        Assert.Multiple(() =>
        {
            Assert.That(left, Is.Empty);
            Assert.That(volumes.Volumes ?? [], Is.Empty);
        });
    }

    [Test]
    public async Task Input_files_are_readable_and_output_files_come_back()
    {
        var spec = Shell(DockerHost.NewRunId(), "wc -l < /work/in/lists/targets.txt > /work/out/count.txt; mkdir /work/out/nested; cp /work/in/lists/targets.txt /work/out/nested/copy.txt")
            with { InputFiles = [ContainerInputFile.FromLines("lists/targets.txt", ["a.example", "b.example", "c.example"])] };

        using var result = await _runner.RunAsync(spec, new RecordingOutput(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.OutputFiles.Select(f => f.Path), Is.EquivalentTo(new[] { "count.txt", "nested/copy.txt" }));
            Assert.That(result.OutputFile("count.txt")!.ReadAllText().Trim(), Is.EqualTo("3"));
            Assert.That(result.OutputFile("nested/copy.txt")!.ReadLines(), Is.EqualTo(new[] { "a.example", "b.example", "c.example" }));
        });
    }

    [Test]
    public async Task Disposing_the_result_deletes_the_collected_files()
    {
        var result = await _runner.RunAsync(Shell(DockerHost.NewRunId(), "echo x > /work/out/x.txt"), new RecordingOutput(), CancellationToken.None);
        var localPath = result.OutputFile("x.txt")!.LocalPath;
        Assert.That(File.Exists(localPath), Is.True);

        result.Dispose();

        Assert.That(File.Exists(localPath), Is.False);
    }

    [Test]
    public async Task Output_files_beyond_the_limit_fail_the_run_instead_of_filling_the_disk()
    {
        var spec = Shell(DockerHost.NewRunId(), "head -c 4096 /dev/zero > /work/out/big.bin") with { MaxOutputBytes = 1024 };

        var error = await Assert.ThrowsAsync<ModuleException>(() => _runner.RunAsync(spec, new RecordingOutput(), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("exceed 1024 bytes"));
    }

    [Test]
    public async Task A_long_line_is_cut_at_the_line_limit_and_the_next_line_still_arrives()
    {
        using var runner = await DockerHost.Runner(options => options.MaxLineBytes = 100);
        var output = new RecordingOutput();

        using var result = await runner.RunAsync(Shell(DockerHost.NewRunId(), "head -c 5000 /dev/zero | tr '\\0' a; echo; echo after"), output, CancellationToken.None);

        Assert.That(output.Lines, Is.EqualTo(new[]
        {
            new ContainerLine(ContainerStream.Stdout, new string('a', 100), Truncated: true),
            new ContainerLine(ContainerStream.Stdout, "after"),
        }));
    }

    [Test]
    public async Task Heartbeats_arrive_while_the_container_lives()
    {
        var output = new RecordingOutput();

        using var result = await _runner.RunAsync(Shell(DockerHost.NewRunId(), "sleep 2"), output, CancellationToken.None);

        Assert.That(output.Heartbeats, Is.GreaterThan(1));
    }

    [Test]
    public async Task A_missing_image_that_may_not_be_pulled_is_a_configuration_error_naming_it()
    {
        var spec = BaseSpec(DockerHost.NewRunId()) with { Image = "shipsec/not-built:local", LocalImage = null, Command = ["true"] };

        var error = await Assert.ThrowsAsync<ModuleException>(() => _runner.RunAsync(spec, new RecordingOutput(), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Configuration));
            Assert.That(error.Message, Does.Contain("shipsec/not-built:local"));
        });
    }

    [Test]
    public async Task A_network_the_operator_misnamed_is_a_configuration_error()
    {
        using var runner = await DockerHost.Runner(options => options.Network = "shipsec-no-such-network");

        var error = await Assert.ThrowsAsync<ModuleException>(() =>
            runner.RunAsync(Shell(DockerHost.NewRunId(), "true") with { NeedsNetwork = true }, new RecordingOutput(), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Configuration));
            Assert.That(error.Message, Does.Contain("shipsec-no-such-network"));
        });
    }

    internal static ContainerSpec BaseSpec(string runId) => new()
    {
        Image = DockerHost.BaseImage,
        Labels = new Dictionary<string, string> { [ContainerLabels.RunId] = runId, [ContainerLabels.NodeId] = "node-1" },
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>A test-authored script run by sh in the base image (the modules never use a shell).</summary>
    internal static ContainerSpec Shell(string runId, string script) => BaseSpec(runId) with { Entrypoint = ["sh", "-c"], Command = [script] };
}
