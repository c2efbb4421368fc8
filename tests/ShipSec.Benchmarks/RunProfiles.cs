using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace ShipSec.Benchmarks;

/// <summary>The two ways to run the suite: a short but real measurement, and a seconds-long smoke run.</summary>
public static class RunProfiles
{
    /// <summary>One launch in a separate process, 3 warm-up and 5 measured iterations per case: a few minutes on 2 cores.</summary>
    public static IConfig Measured() => WithColumns(DefaultConfig.Instance.AddJob(
        Job.Default.WithId("Short").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5)));

    /// <summary>In-process, one warm-up and three 100 ms iterations per case: checks every driver runs; figures are rough.</summary>
    public static IConfig Quick() => WithColumns(DefaultConfig.Instance.AddJob(
        Job.Default.WithId("Quick").WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100))));

    private static IConfig WithColumns(IConfig config) => ManualConfig.Create(config)
        .AddColumn(PerNodeColumn.Nodes, PerNodeColumn.MicrosecondsPerNode)
        .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
}
