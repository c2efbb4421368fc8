using ShipSec.Contracts.Graph;

namespace ShipSec.Flowchart.Compilation;

/// <summary>Builds the <see cref="GraphValidationError.Field"/> pointers into a graph document.</summary>
internal static class FieldPath
{
    public static string Node(int index) => $"nodes[{index}]";

    /// <summary>Edges are addressed by id (what the designer shows); by index when the id is empty.</summary>
    public static string Edge(GraphEdge edge, int index) =>
        string.IsNullOrEmpty(edge.Id) ? $"edges[{index}]" : $"edges[{edge.Id}]";

    public static string Config(int nodeIndex) => $"{Node(nodeIndex)}.data.config";
}
