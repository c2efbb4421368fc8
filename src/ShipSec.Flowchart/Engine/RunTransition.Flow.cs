using System.Text.Json;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

// Moving through the graph: dispatching nodes, resolving edges, evaluating joins, dead-path elimination.
internal sealed partial class RunTransition
{
    private void Dispatch(string nodeId)
    {
        var node = Mutable(nodeId);
        var action = _flowchart.Actions[nodeId];
        node.Status = NodeStatus.Running;
        node.Attempt++;
        node.Triggered = _flowchart.JoinOf(nodeId) != JoinStrategy.All;
        node.Inputs = InputResolver.Resolve(_flowchart, State, nodeId);
        node.Attempts.Add(new NodeAttempt { Attempt = node.Attempt, DispatchedAt = _now });
        _commands.Add(new DispatchNode(State.RunId, State.WorkflowId, nodeId, action.ComponentId, node.Attempt,
            action.Params, node.Inputs, action.RetryPolicy ?? RetryDecider.NoRetry, action.TimeoutSeconds));
    }

    /// <summary>Retries, follows error edges or fails the run; <paramref name="node"/> is this transition's own copy (<see cref="Mutable"/>).</summary>
    private void HandleFailure(NodeState node, NodeError error)
    {
        node.LastError = error;
        var policy = _flowchart.Actions[node.NodeId].RetryPolicy ?? RetryDecider.NoRetry;
        if (RetryDecider.WillRetry(policy, error, node.Attempt))
        {
            node.Status = NodeStatus.WaitingRetry;
            State.Timers.Add(new RunTimer(RunTimerKind.Retry, _now + RetryDecider.DelayAfter(policy, node.Attempt), node.NodeId, node.Attempt));
            return;
        }

        node.Status = NodeStatus.Failed;
        node.CompletedAt = _now;
        if (_flowchart.Outbound[node.NodeId].Any(e => e.Kind == EdgeKind.Error))
        {
            ResolveOutbound(node.NodeId);
            return;
        }

        Terminate(RunStatus.Failed, new RunFailure
        {
            Reason = $"Node '{node.NodeId}' failed: {error.Message}",
            NodeId = node.NodeId,
            Details = JsonSerializer.SerializeToElement(error, ShipSecJson.Options),
        });
    }

    /// <summary>Resolves every outbound edge of a node that reached a final status, then re-evaluates the joins of its targets.</summary>
    private void ResolveOutbound(string nodeId)
    {
        var source = State.Nodes[nodeId];
        var metadata = _flowchart.Definition.Nodes.GetValueOrDefault(nodeId);
        var outbound = _flowchart.Outbound[nodeId];
        foreach (var edge in outbound)
            ResolveEdge(edge.Id, EdgeRule.Resolve(edge, source, metadata));
        foreach (var target in outbound.Select(e => e.TargetRef).Distinct(StringComparer.Ordinal))
            EvaluateJoin(target);
    }

    private void EvaluateJoin(string nodeId)
    {
        if (!IsActive || State.Nodes[nodeId].Status != NodeStatus.Pending)
            return;

        var strategy = _flowchart.JoinOf(nodeId);
        var inbound = _flowchart.Inbound[nodeId];
        switch (JoinRule.Evaluate(strategy, LatestFirst(inbound)))
        {
            case JoinDecision.Ready:
                Dispatch(nodeId);
                if (strategy == JoinStrategy.First)
                    CancelExclusiveFeeders(nodeId);
                break;
            case JoinDecision.Skip:
                var notFollowed = inbound.First(e => State.Edges.GetValueOrDefault(e.Id) == EdgeResolution.NotFollowed);
                Skip(nodeId, strategy == JoinStrategy.All
                    ? $"Upstream path not taken: edge '{notFollowed.Id}' from '{notFollowed.SourceRef}' was not followed"
                    : "No inbound path was taken");
                ResolveOutbound(nodeId);
                break;
        }
    }

    // Branches mostly finish in the order they were dispatched, so reading the inbound edges from the last one back
    // usually finds an unresolved edge at once and an `all` join does not rescan its whole fan-in on every arrival.
    private IEnumerable<EdgeResolution> LatestFirst(IReadOnlyList<DefinitionEdge> inbound)
    {
        for (var index = inbound.Count - 1; index >= 0; index--)
            yield return State.Edges.GetValueOrDefault(inbound[index].Id);
    }

    /// <summary>A <c>first</c> join triggered: whatever still works only towards it is wasted, so stop it.</summary>
    private void CancelExclusiveFeeders(string joinNode)
    {
        var reason = $"Superseded: first join '{joinNode}' already triggered";
        var stopped = new List<string>();
        foreach (var feeder in FirstJoin.ExclusiveFeeders(_flowchart, joinNode))
        {
            switch (State.Nodes[feeder].Status)
            {
                case NodeStatus.Running:
                    CancelAttempt(feeder, reason);
                    break;
                case NodeStatus.WaitingRetry:
                    CancelWaitingRetry(feeder);
                    break;
                case NodeStatus.Pending:
                    Skip(feeder, reason);
                    break;
                default:
                    continue;
            }
            stopped.Add(feeder);
        }

        // Statuses are all final before propagating, so no feeder is re-evaluated as a join on the way.
        foreach (var feeder in stopped)
            ResolveOutbound(feeder);
    }

    private void Skip(string nodeId, string reason)
    {
        var node = Mutable(nodeId);
        node.Status = NodeStatus.Skipped;
        node.SkipReason = reason;
        node.CompletedAt = _now;
        Emit(EngineTrace.NodeSkipped(State, nodeId, reason, _now));
    }
}
