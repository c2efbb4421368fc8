using System.Text.Json;

namespace ShipSec.Contracts.Graph;

/// <summary>A workflow as a designer saves it (ShipSec Studio's graph schema, ARCHITECTURE §4.1).</summary>
public sealed record WorkflowGraph
{
    public string? Id { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public List<GraphNode> Nodes { get; init; } = [];
    public List<GraphEdge> Edges { get; init; } = [];
    public Viewport? Viewport { get; init; }
}

/// <summary>One placed module; <see cref="Type"/> is the component id.</summary>
public sealed record GraphNode
{
    public string Id { get; init; } = "";
    public string Type { get; init; } = "";
    public Position Position { get; init; } = new(0, 0);
    public GraphNodeData Data { get; init; } = new();
}

/// <summary>Designer coordinates of a node.</summary>
public sealed record Position(double X, double Y);

/// <summary>Canvas viewport saved with the graph.</summary>
public sealed record Viewport(double X, double Y, double Zoom);

/// <summary>A node's label and configuration.</summary>
public sealed record GraphNodeData
{
    public string Label { get; init; } = "";
    public NodeConfig Config { get; init; } = new();
}

/// <summary>Per-node configuration: parameter values, literal input values and execution options.</summary>
public sealed record NodeConfig
{
    public Dictionary<string, JsonElement> Params { get; init; } = [];
    public Dictionary<string, JsonElement> InputOverrides { get; init; } = [];
    public JoinStrategy? JoinStrategy { get; init; }
    public RetryPolicy? RetryPolicy { get; init; }
    /// <summary>Node timeout; on the entry node it is the timeout of the whole run.</summary>
    public int? TimeoutSeconds { get; init; }
    public int? MaxConcurrency { get; init; }
}

/// <summary>A connection. Both handles: data edge. Neither: control edge. One alone: invalid.</summary>
public sealed record GraphEdge
{
    public string Id { get; init; } = "";
    public string Source { get; init; } = "";
    public string Target { get; init; } = "";
    public string? SourceHandle { get; init; }
    public string? TargetHandle { get; init; }
    public EdgeKind? Kind { get; init; }
}

/// <summary>When an edge is followed: on the source's success, or on its final failure.</summary>
public enum EdgeKind { Success, Error }

/// <summary>How a node with several inbound edges decides it is ready (ARCHITECTURE §5.1).</summary>
public enum JoinStrategy { All, Any, First }
