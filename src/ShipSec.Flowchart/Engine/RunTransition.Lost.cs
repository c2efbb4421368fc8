using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

// Attempts the host lost (their worker died): recorded as failed and run again, outside the node's retry policy.
internal sealed partial class RunTransition
{
    public bool NodeLost(string nodeId, int attempt, NodeError error, int maxLostAttempts)
    {
        if (UnreportedAttempt(nodeId, attempt) is not { } node)
            return false;

        RecordReport(node);
        node.CurrentAttempt!.Error = error;
        var lost = node.Attempts.Count(a => a.Error?.Type == error.Type);
        var again = node.Status == NodeStatus.Running && IsActive && lost <= maxLostAttempts;
        var willRetry = again || (node.Status == NodeStatus.Running
            && RetryDecider.WillRetry(_flowchart.Actions[nodeId].RetryPolicy ?? RetryDecider.NoRetry, error, node.Attempt));
        Emit(EngineTrace.NodeLost(State, nodeId, attempt, error, willRetry, _now));

        if (again)
            Dispatch(nodeId);
        else if (node.Status == NodeStatus.Running)
            HandleFailure(node, error);

        Settle();
        return true;
    }
}
