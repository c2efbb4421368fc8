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
    /// <summary>
    /// Evaluates <paramref name="strategy"/> over the resolutions of every inbound edge of a pending node, in one pass
    /// that stops as soon as the answer is known: <c>all</c> at the first unresolved edge, <c>any</c> / <c>first</c> at
    /// the first followed one.
    /// </summary>
    public static JoinDecision Evaluate(JoinStrategy strategy, IEnumerable<EdgeResolution> inbound)
    {
        var waitsForAll = strategy == JoinStrategy.All;
        var allResolved = true;
        var allFollowed = true;
        foreach (var resolution in inbound)
        {
            switch (resolution)
            {
                case EdgeResolution.Unresolved when waitsForAll:
                    return JoinDecision.Wait;
                case EdgeResolution.Followed when !waitsForAll:
                    return JoinDecision.Ready;
                case EdgeResolution.Unresolved:
                    allResolved = false;
                    break;
                case EdgeResolution.NotFollowed:
                    allFollowed = false;
                    break;
            }
        }

        if (waitsForAll)
            return allFollowed ? JoinDecision.Ready : JoinDecision.Skip;
        return allResolved ? JoinDecision.Skip : JoinDecision.Wait;
    }
}
