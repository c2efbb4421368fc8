using BenchmarkDotNet.Attributes;
using ShipSec.Benchmarks.Hosts;
using ShipSec.Benchmarks.Workloads;
using ShipSec.Flowchart.Model;

namespace ShipSec.Benchmarks;

/// <summary>
/// Engine overhead per shape: one whole run of no-op nodes through the engine (alone, with the execution pipeline, and
/// with a state JSON round-trip per transition) against the in-memory ready-queue floor, all in the same run.
/// </summary>
[MemoryDiagnoser]
public class EngineOverheadBenchmarks
{
    private static readonly Action<int> NoOp = _ => { };

    private ReadyQueueScheduler _readyQueue = null!;
    private SerialEngineHost _engine = null!;
    private SerialEngineHost _engineWithPipeline = null!;
    private SerialEngineHost _engineWithPipelineAndState = null!;

    [Params(Shape.Chain100, Shape.FanOutIn200, Shape.Lattice10x10)]
    public Shape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var definition = WorkloadGraphs.Build(Shape);
        var flowchart = CompiledFlowchart.From(definition);
        _readyQueue = new ReadyQueueScheduler(definition);
        _engine = new SerialEngineHost(flowchart, new HostLayers());
        _engineWithPipeline = new SerialEngineHost(flowchart, new HostLayers { ExecutionPipeline = true });
        _engineWithPipelineAndState = new SerialEngineHost(flowchart, new HostLayers { ExecutionPipeline = true, StateJsonRoundTrip = true });
        EnsureEveryNodeRuns(definition.Actions.Count);
    }

    [Benchmark(Baseline = true, Description = "Ready queue (baseline)")]
    public int ReadyQueue() => _readyQueue.Run(NoOp);

    [Benchmark(Description = "Engine")]
    public RunSummary Engine() => _engine.Run();

    [Benchmark(Description = "Engine + pipeline")]
    public RunSummary EngineWithPipeline() => _engineWithPipeline.Run();

    [Benchmark(Description = "Engine + pipeline + state JSON")]
    public RunSummary EngineWithPipelineAndState() => _engineWithPipelineAndState.Run();

    // A driver that silently stopped early would look fast; check each one runs the whole shape before measuring it.
    private void EnsureEveryNodeRuns(int nodes)
    {
        const int runStatusEvents = 3;
        Expect("ready queue", _readyQueue.Run(NoOp), nodes, "nodes run");
        (string Name, SerialEngineHost Host, int EventsPerNode)[] drivers =
        [
            ("engine", _engine, 0),
            ("engine + pipeline", _engineWithPipeline, 2),
            ("engine + pipeline + state JSON", _engineWithPipelineAndState, 2),
        ];
        foreach (var (name, host, eventsPerNode) in drivers)
        {
            var run = host.Run();
            Expect(name, run.Nodes, nodes, "nodes in the run");
            Expect(name, run.Transitions, nodes + 2, "engine calls (create, start, one success per node)");
            Expect(name, run.TraceEvents, runStatusEvents + eventsPerNode * nodes, "trace events");
        }
    }

    private void Expect(string driver, int actual, int expected, string what)
    {
        if (actual != expected)
            throw new InvalidOperationException($"{Shape}: the {driver} driver produced {actual} {what}, expected {expected}");
    }
}
