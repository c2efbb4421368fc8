using System.Text.Json;
using ShipSec.Contracts.Graph;

namespace ShipSec.Flowchart.Tests.Compilation;

/// <summary>Non-destructive edits of a graph, so each test states only the change it is about.</summary>
internal static class GraphEdits
{
    public static WorkflowGraph WithNode(this WorkflowGraph graph, string nodeId, Func<GraphNode, GraphNode> change) =>
        graph with { Nodes = graph.Nodes.Select(n => n.Id == nodeId ? change(n) : n).ToList() };

    public static WorkflowGraph WithConfig(this WorkflowGraph graph, string nodeId, Func<NodeConfig, NodeConfig> change) =>
        graph.WithNode(nodeId, n => n with { Data = n.Data with { Config = change(n.Data.Config) } });

    public static WorkflowGraph WithParam(this WorkflowGraph graph, string nodeId, string parameter, JsonElement value) =>
        graph.WithConfig(nodeId, c => c with { Params = new(c.Params) { [parameter] = value } });

    public static WorkflowGraph WithoutParam(this WorkflowGraph graph, string nodeId, string parameter) =>
        graph.WithConfig(nodeId, c => c with { Params = c.Params.Where(p => p.Key != parameter).ToDictionary() });

    public static WorkflowGraph WithNewNode(this WorkflowGraph graph, string id, string type, string? label = null) =>
        graph with { Nodes = [.. graph.Nodes, new GraphNode { Id = id, Type = type, Data = new GraphNodeData { Label = label ?? id } }] };

    public static WorkflowGraph WithEdge(this WorkflowGraph graph, string id, string source, string target,
        string? sourceHandle = null, string? targetHandle = null, EdgeKind? kind = null) =>
        graph with
        {
            Edges = [.. graph.Edges, new GraphEdge
            {
                Id = id, Source = source, Target = target, SourceHandle = sourceHandle, TargetHandle = targetHandle, Kind = kind,
            }],
        };

    public static WorkflowGraph WithEdge(this WorkflowGraph graph, string edgeId, Func<GraphEdge, GraphEdge> change) =>
        graph with { Edges = graph.Edges.Select(e => e.Id == edgeId ? change(e) : e).ToList() };

    public static WorkflowGraph WithoutEdge(this WorkflowGraph graph, string edgeId) =>
        graph with { Edges = graph.Edges.Where(e => e.Id != edgeId).ToList() };
}
