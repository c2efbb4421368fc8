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
        Inbound = definition.Actions.ToDictionary(a => a.Ref,
            a => (IReadOnlyList<DefinitionEdge>)definition.Edges.Where(e => e.TargetRef == a.Ref).ToList(), StringComparer.Ordinal);
        Outbound = definition.Actions.ToDictionary(a => a.Ref,
            a => (IReadOnlyList<DefinitionEdge>)definition.Edges.Where(e => e.SourceRef == a.Ref).ToList(), StringComparer.Ordinal);
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
}
