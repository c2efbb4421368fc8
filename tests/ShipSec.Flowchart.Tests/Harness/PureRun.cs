using System.Text.Json;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Tests.Harness;

/// <summary>Drives the pure engine step by step with an explicit clock, for tests where timing must not matter.</summary>
public sealed class PureRun
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<EngineCommand> _commands = [];

    private PureRun(CompiledFlowchart flowchart, RunState state)
    {
        Flowchart = flowchart;
        State = state;
    }

    public FlowchartEngine Engine { get; } = new();
    public CompiledFlowchart Flowchart { get; }
    public RunState State { get; private set; }
    public DateTimeOffset Now { get; private set; } = T0;
    public Decision Last { get; private set; } = null!;

    /// <summary>Every command any step produced, in order.</summary>
    public IReadOnlyList<EngineCommand> Commands => _commands;
    public IEnumerable<TraceEvent> Trace => _commands.OfType<EmitTrace>().Select(c => c.Event);

    /// <summary>Creates and starts a run at <see cref="T0"/>.</summary>
    public static PureRun Start(WorkflowDefinition definition, Dictionary<string, JsonElement>? inputs = null)
    {
        var flowchart = CompiledFlowchart.From(definition);
        var run = new PureRun(flowchart, new RunState());
        run.Step(run.Engine.CreateRun(flowchart, "run-1", "wf-1", inputs ?? [], T0));
        run.Step(run.Engine.Start(flowchart, run.State, T0));
        return run;
    }

    /// <summary>Creates a run without starting it.</summary>
    public static PureRun Queue(WorkflowDefinition definition)
    {
        var flowchart = CompiledFlowchart.From(definition);
        var run = new PureRun(flowchart, new RunState());
        run.Step(run.Engine.CreateRun(flowchart, "run-1", "wf-1", new Dictionary<string, JsonElement>(), T0));
        return run;
    }

    public NodeState Node(string nodeId) => State.Nodes[nodeId];

    public Decision Succeed(string nodeId, object? outputs = null, IReadOnlyList<string>? ports = null, int? attempt = null) =>
        Step(Engine.OnNodeSucceeded(Flowchart, State, nodeId, attempt ?? Node(nodeId).Attempt,
            outputs is null ? Json.Map(new { result = nodeId }) : Json.Map(outputs), ports, Now));

    public Decision Fail(string nodeId, NodeError error, int? attempt = null) =>
        Step(Engine.OnNodeFailed(Flowchart, State, nodeId, attempt ?? Node(nodeId).Attempt, error, Now));

    public Decision Advance(TimeSpan by)
    {
        Now += by;
        return Step(Engine.OnTimersDue(Flowchart, State, Now));
    }

    public Decision Cancel(string reason) => Step(Engine.Cancel(Flowchart, State, reason, Now));

    public Decision Step(Decision decision)
    {
        State = decision.State;
        Last = decision;
        _commands.AddRange(decision.Commands);
        return decision;
    }

    /// <summary>Node ids dispatched by a decision.</summary>
    public static IReadOnlyList<string> Dispatched(Decision decision) =>
        decision.Commands.OfType<DispatchNode>().Select(d => d.NodeId).ToList();

    public static IReadOnlyList<string> Skipped(Decision decision) =>
        decision.Commands.OfType<EmitTrace>().Where(e => e.Event.Type == TraceEventType.NodeSkipped).Select(e => e.Event.NodeId!).ToList();

    public DispatchNode DispatchOf(string nodeId) => _commands.OfType<DispatchNode>().Last(d => d.NodeId == nodeId);
}
