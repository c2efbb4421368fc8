using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;

namespace ShipSec.Flowchart.Model;

/// <summary>A <see cref="WorkflowDefinition"/> indexed for the engine: nodes, and inbound / outbound edges per node.</summary>
public sealed class CompiledFlowchart
{
    private CompiledFlowchart(WorkflowDefinition definition)
    {
        Definition = definition;
        Actions = definition.Actions.ToDictionary(a => a.Ref, StringComparer.Ordinal);
        Inbound = EdgesPerAction(definition, e => e.TargetRef);
        Outbound = EdgesPerAction(definition, e => e.SourceRef);
    }

    /// <summary>Indexes a compiled definition; the definition must have been produced by the compiler (valid, acyclic).</summary>
    public static CompiledFlowchart From(WorkflowDefinition definition) => new(definition);

    public WorkflowDefinition Definition { get; }
    public IReadOnlyDictionary<string, DefinitionAction> Actions { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<DefinitionEdge>> Inbound { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<DefinitionEdge>> Outbound { get; }
    public string EntrypointRef => Definition.Entrypoint.Ref;
    public int? RunTimeoutSeconds => Definition.Config.TimeoutSeconds;

    public NodeMetadata Node(string nodeRef) => Definition.Nodes[nodeRef];
    public JoinStrategy JoinOf(string nodeRef) => Definition.Nodes.TryGetValue(nodeRef, out var n) ? n.JoinStrategy : JoinStrategy.All;

    // One pass over the edges, keeping definition order within each list; every action gets a list, empty if it has no edges.
    private static Dictionary<string, IReadOnlyList<DefinitionEdge>> EdgesPerAction(WorkflowDefinition definition, Func<DefinitionEdge, string> endOf)
    {
        var lists = definition.Actions.ToDictionary(a => a.Ref, _ => new List<DefinitionEdge>(), StringComparer.Ordinal);
        foreach (var edge in definition.Edges)
        {
            if (lists.TryGetValue(endOf(edge), out var list))
                list.Add(edge);
        }

        return lists.ToDictionary(p => p.Key, p => (IReadOnlyList<DefinitionEdge>)p.Value, StringComparer.Ordinal);
    }
}
