using ShipSec.Contracts.Components;
using ShipSec.Contracts.Graph;

namespace ShipSec.Flowchart.Compilation;

/// <summary>What the validation rules learn about a graph as they go, and the problems they found.</summary>
internal sealed class CompilationContext(WorkflowGraph graph, IComponentCatalog catalog)
{
    public WorkflowGraph Graph { get; } = graph;
    public IComponentCatalog Catalog { get; } = catalog;
    public List<GraphValidationError> Problems { get; } = [];

    /// <summary>Nodes with a usable id (non-empty, first of its id), in graph order.</summary>
    public List<CompiledNode> Nodes { get; } = [];
    public Dictionary<string, CompiledNode> NodesById { get; } = new(StringComparer.Ordinal);
    public CompiledNode? Entry { get; set; }

    /// <summary>Edges between two known, distinct nodes, in graph order (the ones that shape execution order).</summary>
    public List<CompiledEdge> Edges { get; } = [];

    public void Report(string code, string message, string? nodeId = null, string? edgeId = null, string? field = null) =>
        Problems.Add(new GraphValidationError(code, message, nodeId, edgeId, field));
}

/// <summary>A node of the graph with its component and resolved ports (null when they could not be determined).</summary>
internal sealed class CompiledNode(GraphNode node, int index)
{
    public GraphNode Node { get; } = node;
    public int Index { get; } = index;
    public string Id => Node.Id;
    public NodeConfig Config => Node.Data.Config;
    public bool IsEntry => Node.Type == WellKnown.EntrypointComponent;
    public ComponentDescriptor? Component { get; set; }
    public PortSet? Ports { get; set; }

    /// <summary>Pointer prefix of this node in the graph document, e.g. <c>nodes[2]</c>.</summary>
    public string Path => FieldPath.Node(Index);

    /// <summary>How messages name the node: its label and id (just the id when the label adds nothing).</summary>
    public string Name => string.IsNullOrWhiteSpace(Node.Data.Label) || Node.Data.Label == Id
        ? $"'{Id}'"
        : $"'{Node.Data.Label}' ({Id})";
}

/// <summary>An edge between two known nodes.</summary>
internal sealed class CompiledEdge(GraphEdge edge, int index, CompiledNode source, CompiledNode target)
{
    public GraphEdge Edge { get; } = edge;
    public int Index { get; } = index;
    public CompiledNode Source { get; } = source;
    public CompiledNode Target { get; } = target;
    public EdgeKind Kind => Edge.Kind ?? EdgeKind.Success;
    public bool IsData => EdgeShape.IsData(Edge);
    public string Path => FieldPath.Edge(Edge, Index);
}
