using BenchmarkDotNet.Attributes;
using ShipSec.Benchmarks.Hosts;
using ShipSec.Benchmarks.Workloads;
using ShipSec.Flowchart.Model;

namespace ShipSec.Benchmarks;

/// <summary>
/// The engine alone on fan-out / fan-in graphs of doubling width, against the ready queue: if µs/node stays flat the
/// engine is linear in the run's size, if it doubles with the width the cost of one transition grows with the run.
/// </summary>
[MemoryDiagnoser]
public class FanInScalingBenchmarks
{
    private static readonly Action<int> NoOp = _ => { };

    private ReadyQueueScheduler _readyQueue = null!;
    private SerialEngineHost _engine = null!;

    [Params(50, 100, 200, 400)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var definition = WorkloadGraphs.FanOutIn(Width);
        _readyQueue = new ReadyQueueScheduler(definition);
        _engine = new SerialEngineHost(CompiledFlowchart.From(definition), new HostLayers());
        var nodes = definition.Actions.Count;
        if (_readyQueue.Run(NoOp) != nodes || _engine.Run().Nodes != nodes)
            throw new InvalidOperationException($"Width {Width}: a driver did not run all {nodes} nodes");
    }

    [Benchmark(Baseline = true, Description = "Ready queue (baseline)")]
    public int ReadyQueue() => _readyQueue.Run(NoOp);

    [Benchmark(Description = "Engine")]
    public RunSummary Engine() => _engine.Run();
}
