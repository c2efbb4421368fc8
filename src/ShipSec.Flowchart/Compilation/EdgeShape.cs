using ShipSec.Contracts.Graph;

namespace ShipSec.Flowchart.Compilation;

/// <summary>Classifies edges by their handles: both set is a data edge, neither a control edge, one alone is malformed.</summary>
internal static class EdgeShape
{
    public static bool HasSourceHandle(GraphEdge edge) => !string.IsNullOrEmpty(edge.SourceHandle);
    public static bool HasTargetHandle(GraphEdge edge) => !string.IsNullOrEmpty(edge.TargetHandle);
    public static bool IsData(GraphEdge edge) => HasSourceHandle(edge) && HasTargetHandle(edge);
    public static bool IsControl(GraphEdge edge) => !HasSourceHandle(edge) && !HasTargetHandle(edge);
}
