using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

/// <summary>What a join says about a pending node after one of its inbound edges resolved.</summary>
public enum JoinDecision
{
    /// <summary>Not enough inbound edges resolved yet.</summary>
    Wait,
    /// <summary>Dispatch the node.</summary>
    Ready,
    /// <summary>The node cannot run in this run (dead path).</summary>
    Skip,
}

/// <summary>The join strategies of ARCHITECTURE §5.1 as a pure function of the inbound edges' resolutions.</summary>
public static class JoinRule
{
    /// <summary>Evaluates <paramref name="strategy"/> over the resolutions of every inbound edge of a pending node.</summary>
    public static JoinDecision Evaluate(JoinStrategy strategy, IReadOnlyCollection<EdgeResolution> inbound)
    {
        var allResolved = inbound.All(r => r != EdgeResolution.Unresolved);
        return strategy switch
        {
            JoinStrategy.All when !allResolved => JoinDecision.Wait,
            JoinStrategy.All => inbound.All(r => r == EdgeResolution.Followed) ? JoinDecision.Ready : JoinDecision.Skip,
            _ when inbound.Any(r => r == EdgeResolution.Followed) => JoinDecision.Ready,
            _ => allResolved ? JoinDecision.Skip : JoinDecision.Wait,
        };
    }
}
