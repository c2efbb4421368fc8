using System.Text.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Engine;

/// <summary>
/// One engine call in progress: a private copy of the run's state, the commands caused so far, and the
/// operations every input is made of. Each public operation returns false when the input changed nothing.
/// </summary>
internal sealed partial class RunTransition
{
    /// <summary>How long an ending run waits for a cancelled attempt to report back before giving up on it.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private readonly CompiledFlowchart _flowchart;
    private readonly DateTimeOffset _now;
    private readonly List<EngineCommand> _commands = [];

    public RunTransition(CompiledFlowchart flowchart, RunState state, DateTimeOffset now)
    {
        _flowchart = flowchart;
        State = state.Clone();
        _now = now;
    }

    public RunState State { get; }

    private bool IsEnding => State.PendingTerminalStatus is not null;

    /// <summary>True while the run may still dispatch nodes.</summary>
    private bool IsActive => State.Status == RunStatus.Running && !IsEnding;

    public static Decision NoOp(RunState state) => new(state, []) { IsNoOp = true };

    public Decision Commit()
    {
        State.UpdatedAt = _now;
        return new Decision(State, _commands);
    }

    public void Start()
    {
        State.StartedAt = _now;
        SetStatus(RunStatus.Running);
        if (_flowchart.RunTimeoutSeconds is int seconds and > 0)
            State.Timers.Add(new RunTimer(RunTimerKind.RunTimeout, _now.AddSeconds(seconds)));

        foreach (var action in _flowchart.Definition.Actions.Where(a => _flowchart.Inbound[a.Ref].Count == 0))
            Dispatch(action.Ref);
        Settle();
    }

    public bool NodeStarted(string nodeId, int attempt, string? worker)
    {
        if (!State.Nodes.TryGetValue(nodeId, out var node)
            || node.Status != NodeStatus.Running
            || node.Attempt != attempt
            || node.CurrentAttempt is not { StartedAt: null } current)
            return false;

        current.StartedAt = _now;
        current.Worker = worker;
        node.StartedAt ??= _now;
        return true;
    }

    public bool NodeSucceeded(string nodeId, int attempt, IReadOnlyDictionary<string, JsonElement> outputs, IReadOnlyList<string>? activatedPorts)
    {
        if (UnreportedAttempt(nodeId, attempt) is not { } node)
            return false;

        RecordReport(node);
        if (node.Status == NodeStatus.Running)
        {
            node.Status = NodeStatus.Succeeded;
            node.CompletedAt = _now;
            node.Outputs = new(outputs, StringComparer.Ordinal);
            node.ActivatedPorts = activatedPorts?.ToList();
            ResolveOutbound(nodeId);
        }

        Settle();
        return true;
    }

    public bool NodeFailed(string nodeId, int attempt, NodeError error)
    {
        if (UnreportedAttempt(nodeId, attempt) is not { } node)
            return false;

        RecordReport(node);
        node.CurrentAttempt!.Error = error;
        if (node.Status == NodeStatus.Running)
            HandleFailure(node, error);

        Settle();
        return true;
    }

    public bool TimersDue()
    {
        var due = State.Timers.Where(t => t.DueAt <= _now).OrderBy(t => t.DueAt).ToList();
        if (due.Count == 0)
            return false;

        State.Timers.RemoveAll(t => t.DueAt <= _now);
        foreach (var timer in due)
            Fire(timer);
        Settle();
        return true;
    }

    public bool Cancel(string reason)
    {
        if (State.Status is not (RunStatus.Queued or RunStatus.Running) || IsEnding)
            return false;

        Terminate(RunStatus.Cancelled, new RunFailure { Reason = reason });
        Settle();
        return true;
    }

    /// <summary>The node whose current attempt this report is about, if that attempt is still awaited (running, or cancelled and not yet reported).</summary>
    private NodeState? UnreportedAttempt(string nodeId, int attempt) =>
        State.Nodes.TryGetValue(nodeId, out var node)
        && node.Attempt == attempt
        && node.Status is NodeStatus.Running or NodeStatus.Cancelled
        && node.CurrentAttempt is { CompletedAt: null }
            ? node
            : null;

    /// <summary>Closes the reported attempt; a cancelled one no longer needs its drain deadline.</summary>
    private void RecordReport(NodeState node)
    {
        node.CurrentAttempt!.CompletedAt = _now;
        if (node.Status == NodeStatus.Cancelled)
            State.Timers.RemoveAll(t => t.Kind == RunTimerKind.Drain && t.NodeId == node.NodeId);
    }

    private void Fire(RunTimer timer)
    {
        switch (timer.Kind)
        {
            case RunTimerKind.Retry when IsActive
                && timer.NodeId is { } nodeId
                && State.Nodes.TryGetValue(nodeId, out var node)
                && node.Status == NodeStatus.WaitingRetry
                && node.Attempt == timer.Attempt:
                Dispatch(nodeId);
                break;
            case RunTimerKind.RunTimeout when IsActive:
                Terminate(RunStatus.TimedOut, new RunFailure { Reason = $"Run exceeded its timeout of {_flowchart.RunTimeoutSeconds} s" });
                break;
            case RunTimerKind.Drain:
                AbandonCancelledAttempt(timer);
                break;
        }
    }

    private void SetStatus(RunStatus status)
    {
        State.Status = status;
        Emit(EngineTrace.WorkflowStatus(State, _now));
    }

    private void Emit(TraceEvent traceEvent) => _commands.Add(new EmitTrace(traceEvent));
}
