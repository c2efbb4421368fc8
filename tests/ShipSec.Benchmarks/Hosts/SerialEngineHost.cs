using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.Pipeline;
using ShipSec.Flowchart.State;

namespace ShipSec.Benchmarks.Hosts;

/// <summary>
/// Drives one run of the engine to completion on the calling thread: every <see cref="DispatchNode"/> is answered,
/// in dispatch order, with <c>OnNodeSucceeded</c> and empty outputs. No tasks, no timers, no bus, no database; the
/// <see cref="HostLayers"/> add the pipeline and the state persistence a real host pays for per node.
/// </summary>
public sealed class SerialEngineHost
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<string, JsonElement> Empty = new Dictionary<string, JsonElement>();

    private readonly FlowchartEngine _engine = new();
    private readonly CompiledFlowchart _flowchart;
    private readonly HostLayers _layers;
    private readonly NodeExecutionPipeline _pipeline = NodeExecutionPipeline.CreateDefault(context =>
    {
        context.Succeed(Empty);
        return Task.CompletedTask;
    });

    public SerialEngineHost(CompiledFlowchart flowchart, HostLayers layers)
    {
        _flowchart = flowchart;
        _layers = layers;
    }

    /// <summary>Runs the workflow once; throws unless it ends COMPLETED.</summary>
    public RunSummary Run()
    {
        var log = new CollectedTrace();
        var dispatched = new Queue<DispatchNode>();
        var transitions = 0;

        var state = Apply(_engine.CreateRun(_flowchart, "run-1", "wf-1", Empty, Now));
        state = Apply(_engine.Start(_flowchart, state, Now));
        while (dispatched.TryDequeue(out var dispatch))
        {
            var outputs = _layers.ExecutionPipeline ? Execute(dispatch, log) : Empty;
            state = Apply(_engine.OnNodeSucceeded(_flowchart, state, dispatch.NodeId, dispatch.Attempt, outputs, null, Now));
        }

        if (state.Status != RunStatus.Completed)
            throw new InvalidOperationException($"The benchmark run ended {state.Status.ToWire()}, not COMPLETED: {state.Failure?.Reason}");
        return new RunSummary(state.Nodes.Count, transitions, log.Events.Count);

        RunState Apply(Decision decision)
        {
            transitions++;
            foreach (var command in decision.Commands)
            {
                switch (command)
                {
                    case DispatchNode dispatch:
                        dispatched.Enqueue(dispatch);
                        break;
                    case EmitTrace emit:
                        log.Append(emit.Event);
                        break;
                }
            }

            return _layers.StateJsonRoundTrip ? RoundTrip(decision.State) : decision.State;
        }
    }

    // The no-op terminal never awaits, so the whole middleware chain completes before ExecuteAsync returns.
    private IReadOnlyDictionary<string, JsonElement> Execute(DispatchNode dispatch, CollectedTrace log)
    {
        var execution = _pipeline.ExecuteAsync(NodeExecutionContext.For(dispatch, log, TimeProvider.System, CancellationToken.None));
        if (!execution.IsCompletedSuccessfully)
            throw new InvalidOperationException($"The no-op pipeline for '{dispatch.NodeId}' did not complete synchronously");
        return execution.Result is NodeOutcome.Succeeded succeeded
            ? succeeded.Outputs
            : throw new InvalidOperationException($"The no-op node '{dispatch.NodeId}' did not succeed: {execution.Result}");
    }

    private static RunState RoundTrip(RunState state) =>
        JsonSerializer.Deserialize<RunState>(JsonSerializer.SerializeToUtf8Bytes(state, ShipSecJson.Options), ShipSecJson.Options)
        ?? throw new InvalidOperationException("Run state deserialised to null");

    /// <summary>The execution log a host keeps in memory until it ships a batch to the collector.</summary>
    private sealed class CollectedTrace : IExecutionLog
    {
        public List<TraceEvent> Events { get; } = [];

        public void Append(TraceEvent traceEvent) => Events.Add(traceEvent);
    }
}
