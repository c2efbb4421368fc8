using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

/// <summary>The progress figure of the run-status contract: succeeded nodes out of all nodes.</summary>
public static class RunProgressCalculator
{
    /// <summary>Counts the run's succeeded nodes against its node count.</summary>
    public static RunProgress Calculate(RunState state) =>
        new(state.Nodes.Values.Count(n => n.Status == NodeStatus.Succeeded), state.Nodes.Count);
}
