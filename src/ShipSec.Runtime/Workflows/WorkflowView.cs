using ShipSec.Contracts.Graph;

namespace ShipSec.Runtime.Workflows;

/// <summary>A workflow as the API returns it: the latest graph plus identity and version, so GET → PUT round-trips.</summary>
public sealed record WorkflowView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required int Version { get; init; }
    public required List<GraphNode> Nodes { get; init; }
    public required List<GraphEdge> Edges { get; init; }
    public Viewport? Viewport { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One immutable saved version of a workflow.</summary>
public sealed record WorkflowVersionView
{
    public required string Id { get; init; }
    public required string WorkflowId { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required List<GraphNode> Nodes { get; init; }
    public required List<GraphEdge> Edges { get; init; }
    public Viewport? Viewport { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Answer to a delete.</summary>
public sealed record WorkflowDeleted(string Status, string Id);
