using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Json;
using ShipSec.Flowchart.State;

namespace ShipSec.Runtime.Persistence;

/// <summary>
/// How a <see cref="RunState"/> is laid out over rows, so that a transition writes what it changed: the run row holds
/// the run-level state (status, timestamps, failure, inputs, timers) without nodes and edges, every node has a
/// <see cref="RunNodeRecord"/>, and every resolved edge a <see cref="RunEdgeRecord"/>.
/// </summary>
internal static class RunStateRows
{
    private static readonly JsonSerializerOptions RunRowOptions = WithoutNodesAndEdges();

    /// <summary>The run row's JSON: the state without its nodes and edges.</summary>
    public static string RunJson(RunState state) => JsonSerializer.Serialize(state, RunRowOptions);

    public static string NodeJson(NodeState node) => JsonSerializer.Serialize(node, ShipSecJson.Options);

    /// <summary>The resolution as the state's JSON spells it (<c>followed</c>, <c>notFollowed</c>, <c>unresolved</c>).</summary>
    public static string ResolutionText(EdgeResolution resolution) => JsonNamingPolicy.CamelCase.ConvertName(resolution.ToString());

    /// <summary>
    /// The state back from its rows: nodes in the definition's order (as the engine creates them), every edge of the
    /// definition unresolved unless a row says otherwise.
    /// </summary>
    public static RunState Assemble(string runJson, WorkflowDefinition definition, IEnumerable<string> nodeJson, IEnumerable<RunEdgeRecord> edges)
    {
        var state = JsonSerializer.Deserialize<RunState>(runJson, ShipSecJson.Options)
            ?? throw new InvalidOperationException("A run row holds no state.");
        var stored = nodeJson
            .Select(json => JsonSerializer.Deserialize<NodeState>(json, ShipSecJson.Options)!)
            .ToDictionary(node => node.NodeId, StringComparer.Ordinal);
        state.Nodes = new Dictionary<string, NodeState>(stored.Count, StringComparer.Ordinal);
        foreach (var action in definition.Actions)
        {
            if (stored.Remove(action.Ref, out var node)) state.Nodes[action.Ref] = node;
        }
        foreach (var (nodeId, node) in stored) state.Nodes[nodeId] = node;

        state.Edges = definition.Edges.ToDictionary(e => e.Id, _ => EdgeResolution.Unresolved, StringComparer.Ordinal);
        foreach (var edge in edges)
            state.Edges[edge.EdgeId] = Enum.Parse<EdgeResolution>(edge.Resolution, ignoreCase: true);
        return state;
    }

    // Nodes and edges have rows of their own; leaving them out of the run row is what keeps a transition's write small.
    private static JsonSerializerOptions WithoutNodesAndEdges()
    {
        var options = new JsonSerializerOptions(ShipSecJson.Options)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutNodesAndEdges } },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void LeaveOutNodesAndEdges(JsonTypeInfo info)
    {
        if (info.Type != typeof(RunState)) return;
        for (var index = info.Properties.Count - 1; index >= 0; index--)
        {
            if (info.Properties[index].AttributeProvider is PropertyInfo { Name: nameof(RunState.Nodes) or nameof(RunState.Edges) })
                info.Properties.RemoveAt(index);
        }
    }
}
