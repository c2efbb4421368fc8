using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ShipSec.Benchmarks.Workloads;

namespace ShipSec.Benchmarks;

/// <summary>Summary columns that put a run's mean in per-node terms: the graph's node count, and mean ÷ nodes in microseconds.</summary>
public sealed class PerNodeColumn : IColumn
{
    private readonly bool _overhead;

    private PerNodeColumn(bool overhead) => _overhead = overhead;

    /// <summary>How many nodes the shape runs.</summary>
    public static readonly IColumn Nodes = new PerNodeColumn(overhead: false);

    /// <summary>Mean time of one run divided by the shape's node count, in µs.</summary>
    public static readonly IColumn MicrosecondsPerNode = new PerNodeColumn(overhead: true);

    public string Id => _overhead ? "PerNode.Overhead" : "PerNode.Nodes";
    public string ColumnName => _overhead ? "µs/node" : "Nodes";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => _overhead ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => _overhead ? "Mean of one run divided by the number of nodes it ran, in microseconds" : "Nodes in the graph, entry node included";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (NodesOf(benchmarkCase) is not int nodes)
            return "-";
        if (!_overhead)
            return nodes.ToString(style.CultureInfo);
        return summary[benchmarkCase]?.ResultStatistics?.Mean is double meanNanoseconds
            ? (meanNanoseconds / nodes / 1000).ToString("0.000", style.CultureInfo)
            : "NA";
    }

    private static int? NodesOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters[nameof(EngineOverheadBenchmarks.Shape)] is Shape shape ? WorkloadGraphs.Build(shape).Actions.Count
        : benchmarkCase.Parameters[nameof(FanInScalingBenchmarks.Width)] is int width ? WorkloadGraphs.FanOutIn(width).Actions.Count
        : null;

    public override string ToString() => ColumnName;
}
