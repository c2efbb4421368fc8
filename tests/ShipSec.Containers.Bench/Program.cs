using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Containers;

// Container overhead: the Docker runner's round trip for a container that exits at once, next to `docker run --rm` of the same
// image in the same run (interleaved, after a warm-up), so the figure is a ratio against a baseline, not an absolute time.
// Usage: dotnet run -c Release --project tests/ShipSec.Containers.Bench -- [iterations] [image]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var image = args.Length > 1 ? args[1] : "shipsec/base:bookworm";
var endpoint = Environment.GetEnvironmentVariable("ShipSec__Docker__Endpoint") ?? "unix:///var/run/docker.sock";
const int warmUp = 3;

using var runner = new DockerRunner(Options.Create(new DockerOptions { Endpoint = endpoint, PullMissingImages = false }), NullLogger<DockerRunner>.Instance);
var spec = new ContainerSpec
{
    Image = image,
    Entrypoint = ["true"],
    Labels = new Dictionary<string, string> { [ContainerLabels.RunId] = "bench-container-overhead" },
};
var output = new DiscardingOutput();

var runnerTimes = new List<double>();
var plainTimes = new List<double>();
var sandboxedTimes = new List<double>();
for (var i = 0; i < warmUp + iterations; i++)
{
    var measured = i >= warmUp;
    var runnerTime = await Time(async () =>
    {
        using var result = await runner.RunAsync(spec, output, CancellationToken.None);
    });
    var plainTime = await Time(() => DockerCli("run", "--rm", "--network", "none", "--entrypoint", "true", image));
    // The same sandbox the runner applies, for a like-for-like baseline.
    var sandboxedTime = await Time(() => DockerCli("run", "--rm", "--network", "none", "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL",
        "--security-opt", "no-new-privileges", "--memory", "512m", "--memory-swap", "512m", "--cpus", "1", "--pids-limit", "256",
        "--log-driver", "none", "-v", "/work", "--entrypoint", "true", image));
    if (!measured) continue;
    runnerTimes.Add(runnerTime);
    plainTimes.Add(plainTime);
    sandboxedTimes.Add(sandboxedTime);
}

Console.WriteLine($"container overhead, {iterations} iterations after {warmUp} warm-up, image {image}, {Environment.ProcessorCount} cores");
Console.WriteLine($"{"",-34} {"median ms",10} {"p90 ms",10}");
Report("DockerRunner.RunAsync", runnerTimes);
Report("docker run --rm", plainTimes);
Report("docker run --rm (same sandbox)", sandboxedTimes);
Console.WriteLine(FormattableString.Invariant($"ratio runner / docker run --rm: {Median(runnerTimes) / Median(plainTimes):0.00}"));
Console.WriteLine(FormattableString.Invariant($"ratio runner / docker run --rm with the same sandbox: {Median(runnerTimes) / Median(sandboxedTimes):0.00}"));

static async Task<double> Time(Func<Task> action)
{
    var started = Stopwatch.GetTimestamp();
    await action();
    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

static async Task DockerCli(params string[] arguments)
{
    var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments) start.ArgumentList.Add(argument);
    using var process = Process.Start(start)!;
    var stderr = process.StandardError.ReadToEndAsync();
    await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed: {await stderr}");
}

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double fraction)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(fraction * sorted.Count))];
}

static void Report(string name, List<double> values) =>
    Console.WriteLine(FormattableString.Invariant($"{name,-34} {Median(values),10:0.0} {Percentile(values, 0.9),10:0.0}"));

/// <summary>Drops output: the measured container prints nothing.</summary>
internal sealed class DiscardingOutput : IContainerOutput
{
    public ValueTask OnLineAsync(ContainerLine line, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
