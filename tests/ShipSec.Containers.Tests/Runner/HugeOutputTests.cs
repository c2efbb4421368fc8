using System.Diagnostics;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Runner;

/// <summary>A tool that prints a gigabyte is streamed through, not collected: the worker's memory stays far below the output size.</summary>
public class HugeOutputTests
{
    private const long OneGiB = 1L << 30;
    private const int LineBytes = 1024;

    [Test]
    public async Task A_gigabyte_of_stdout_streams_through_with_memory_far_below_its_size()
    {
        using var runner = await DockerHost.Runner();
        await DockerHost.RequireLocalImage(runner.Client, DockerHost.BaseImage);
        long lines = 0, bytes = 0;
        var output = new CountingOutput(line =>
        {
            lines++;
            bytes += line.Text.Length + 1;
        });
        var process = Process.GetCurrentProcess();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        var baseline = process.WorkingSet64;
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20);
            }
        });

        // 1 GiB of 1023-character lines; yes repeats its argument, head stops it at exactly 1 GiB.
        var script = $"yes \"$(head -c {LineBytes - 1} /dev/zero | tr '\\0' x)\" | head -c {OneGiB}";
        using (var result = await runner.RunAsync(DockerRunnerTests.Shell(DockerHost.NewRunId(), script) with { Timeout = TimeSpan.FromMinutes(10) }, output, CancellationToken.None))
        {
            Assert.That(result.ExitCode, Is.Zero);
        }
        await sampling.CancelAsync();
        await sampler;

        var growth = peak - baseline;
        TestContext.Out.WriteLine($"streamed {bytes} bytes in {lines} lines; working set {baseline >> 20} MiB → peak {peak >> 20} MiB (+{growth >> 20} MiB)");
        Assert.Multiple(() =>
        {
            Assert.That(bytes, Is.EqualTo(OneGiB), "every byte arrived as a line");
            Assert.That(lines, Is.EqualTo(OneGiB / LineBytes));
            Assert.That(growth, Is.LessThan(OneGiB / 8), "memory must not grow with the output (a buffered 1 GiB would need over 2 GiB as strings)");
        });
    }

    private sealed class CountingOutput(Action<ContainerLine> count) : IContainerOutput
    {
        public ValueTask OnLineAsync(ContainerLine line, CancellationToken cancellationToken)
        {
            count(line);
            return ValueTask.CompletedTask;
        }
    }
}
