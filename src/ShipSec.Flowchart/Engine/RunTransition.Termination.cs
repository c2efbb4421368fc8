using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

// Ending a run: completion, failure / cancel / timeout, and draining cancelled attempts before the final status.
internal sealed partial class RunTransition
{
    /// <summary>Ends the run with <paramref name="status"/>: running attempts are cancelled, pending nodes skipped; the status is final once they drain.</summary>
    private void Terminate(RunStatus status, RunFailure failure)
    {
        State.Failure = failure;
        State.PendingTerminalStatus = status;
        State.Timers.RemoveAll(t => t.Kind != RunTimerKind.Drain);

        var reason = $"Run {status.ToWire()} before the node could run";
        foreach (var action in _flowchart.Definition.Actions)
        {
            switch (State.Nodes[action.Ref].Status)
            {
                case NodeStatus.Running:
                    CancelAttempt(action.Ref, $"Run {status.ToWire()}: {failure.Reason}");
                    break;
                case NodeStatus.WaitingRetry:
                    CancelWaitingRetry(action.Ref);
                    break;
                case NodeStatus.Pending:
                    Skip(action.Ref, reason);
                    break;
            }
        }
    }

    private void CancelAttempt(string nodeId, string reason)
    {
        var node = Mutable(nodeId);
        node.Status = NodeStatus.Cancelled;
        node.CompletedAt = _now;
        _commands.Add(new CancelNode(State.RunId, nodeId, node.Attempt, reason));
        State.Timers.Add(new RunTimer(RunTimerKind.Drain, _now + DrainTimeout, nodeId, node.Attempt));
    }

    /// <summary>A node between attempts will not get another one: cancelled, and its retry timer dropped.</summary>
    private void CancelWaitingRetry(string nodeId)
    {
        var node = Mutable(nodeId);
        node.Status = NodeStatus.Cancelled;
        node.CompletedAt = _now;
        State.Timers.RemoveAll(t => t.Kind == RunTimerKind.Retry && t.NodeId == nodeId);
    }

    /// <summary>A cancelled attempt never reported back in time: record it as stopped so the run can end.</summary>
    private void AbandonCancelledAttempt(RunTimer timer)
    {
        if (timer.NodeId is null || UnreportedAttempt(timer.NodeId, timer.Attempt ?? 0) is not { Status: NodeStatus.Cancelled } node)
            return;

        node.CurrentAttempt!.CompletedAt = _now;
        node.CurrentAttempt.Error = new NodeError
        {
            Type = NodeErrorTypes.Cancelled,
            Message = $"The cancelled attempt did not report back within {DrainTimeout.TotalSeconds} s",
        };
    }

    /// <summary>Finishes the run if nothing is left to wait for: no cancelled attempt still unreported, and either an ending pending or every node final.</summary>
    private void Settle()
    {
        var ending = State.PendingTerminalStatus;
        if (State.Status.IsTerminal() || (ending is null && State.Status != RunStatus.Running))
            return;

        // Last nodes in topological order first: while a run goes on they are the ones still open, so the scan
        // usually stops at the first node it reads instead of walking every finished one on every call.
        var actions = _flowchart.Definition.Actions;
        for (var index = actions.Count - 1; index >= 0; index--)
        {
            var node = State.Nodes[actions[index].Ref];
            if (AwaitsCancellationReport(node) || (ending is null && !node.Status.IsFinal()))
                return;
        }

        Finish(ending ?? RunStatus.Completed);
    }

    private static bool AwaitsCancellationReport(NodeState node) =>
        node.Status == NodeStatus.Cancelled && node.CurrentAttempt is { CompletedAt: null };

    private void Finish(RunStatus status)
    {
        State.PendingTerminalStatus = null;
        State.CompletedAt = _now;
        State.Timers.Clear();
        if (status == RunStatus.Completed)
            State.Failure = null;
        SetStatus(status);
        _commands.Add(new RunFinished(State.RunId, status, State.Failure));
    }
}
