using ShipSec.Flowchart.Model;

namespace ShipSec.Flowchart.Engine;

/// <summary>Graph analysis for the <c>first</c> join: which nodes exist only to feed it, and so may be cancelled once it triggers.</summary>
public static class FirstJoin
{
    /// <summary>Nodes every outbound path of which leads into <paramref name="joinNode"/> (the join itself excluded), in definition order.</summary>
    public static IReadOnlyList<string> ExclusiveFeeders(CompiledFlowchart flowchart, string joinNode)
    {
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);

        bool FeedsOnlyJoin(string node)
        {
            if (verdicts.TryGetValue(node, out var known))
                return known;
            var outbound = flowchart.Outbound[node];
            var verdict = outbound.Count > 0 && outbound.All(e => e.TargetRef == joinNode || FeedsOnlyJoin(e.TargetRef));
            verdicts[node] = verdict;
            return verdict;
        }

        return flowchart.Definition.Actions
            .Select(a => a.Ref)
            .Where(node => node != joinNode && FeedsOnlyJoin(node))
            .ToList();
    }
}
