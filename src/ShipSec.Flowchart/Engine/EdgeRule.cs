using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

/// <summary>Whether an outbound edge is followed, given how its source node ended.</summary>
public static class EdgeRule
{
    /// <summary>Resolves <paramref name="edge"/> for a source that reached a final status; branching ports gate success edges.</summary>
    public static EdgeResolution Resolve(DefinitionEdge edge, NodeState source, NodeMetadata? sourceMetadata) => source.Status switch
    {
        NodeStatus.Succeeded when edge.Kind == EdgeKind.Error => EdgeResolution.NotFollowed,
        NodeStatus.Succeeded => IsActivated(edge, source, sourceMetadata) ? EdgeResolution.Followed : EdgeResolution.NotFollowed,
        NodeStatus.Failed => edge.Kind == EdgeKind.Error ? EdgeResolution.Followed : EdgeResolution.NotFollowed,
        _ => EdgeResolution.NotFollowed,
    };

    private static bool IsActivated(DefinitionEdge edge, NodeState source, NodeMetadata? metadata) =>
        source.ActivatedPorts is null
        || edge.SourceHandle is null
        || metadata is null
        || !metadata.BranchingPorts.Contains(edge.SourceHandle, StringComparer.Ordinal)
        || source.ActivatedPorts.Contains(edge.SourceHandle, StringComparer.Ordinal);
}
