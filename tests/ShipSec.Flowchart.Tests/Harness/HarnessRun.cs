using System.Text.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Tests.Harness;

/// <summary>What a harness run ended with: the final state and the collected trace, in sequence order.</summary>
public sealed record HarnessRun(RunState State, IReadOnlyList<TraceEvent> Trace)
{
    public NodeState Node(string nodeId) => State.Nodes[nodeId];

    /// <summary>NODE_* events of one node, in order.</summary>
    public IReadOnlyList<TraceEvent> EventsOf(string nodeId) => Trace.Where(e => e.NodeId == nodeId).ToList();

    public IReadOnlyList<TraceEventType> TypesOf(string nodeId) => EventsOf(nodeId).Select(e => e.Type).ToList();

    public TraceEvent Single(string nodeId, TraceEventType type) => EventsOf(nodeId).Single(e => e.Type == type);

    public long SequenceOf(string nodeId, TraceEventType type) => Single(nodeId, type).Sequence;

    /// <summary>The statuses announced by WORKFLOW_STATUS events, in order.</summary>
    public IReadOnlyList<string> Statuses =>
        Trace.Where(e => e.Type == TraceEventType.WorkflowStatus).Select(e => e.Data!.Value.GetProperty("status").GetString()!).ToList();

    /// <summary>The error type of a node's last NODE_FAILED event.</summary>
    public string FailedErrorType(string nodeId) =>
        EventsOf(nodeId).Last(e => e.Type == TraceEventType.NodeFailed).Data!.Value.GetProperty("error").GetProperty("type").GetString()!;

    public static bool WillRetry(TraceEvent failed) => failed.Data!.Value.GetProperty("willRetry").GetBoolean();

    public static JsonElement Data(TraceEvent e) => e.Data!.Value;
}
