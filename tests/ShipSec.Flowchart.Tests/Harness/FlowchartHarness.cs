using System.Text.Json;
using System.Threading.Channels;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.Model;
using ShipSec.Flowchart.Pipeline;
using ShipSec.Flowchart.State;

namespace ShipSec.Flowchart.Tests.Harness;

/// <summary>
/// Drives the engine like a host: engine calls are serialised through one inbox, every dispatched attempt runs concurrently
/// through the real <see cref="NodeExecutionPipeline"/>, cancels stop that attempt's token, timers fire when due, and every
/// trace event is collected with a sequence in arrival order (duplicates by id dropped, like the collector).
/// </summary>
public sealed class FlowchartHarness(WorkflowDefinition definition)
{
    private readonly CompiledFlowchart _flowchart = CompiledFlowchart.From(definition);
    private readonly Dictionary<string, ScriptedComponent> _components = new(StringComparer.Ordinal);
    private readonly List<(Func<TraceEvent, bool> Trigger, string Reason)> _cancellations = [];

    /// <summary>The clock the run and its modules see; real time unless accelerated.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Longest real time a run may take before the harness gives up.</summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromSeconds(30);

    public FlowchartHarness With(string componentId, ScriptedComponent behaviour)
    {
        _components[componentId] = behaviour;
        return this;
    }

    /// <summary>Cancels the run (once) as soon as a trace event matching <paramref name="trigger"/> is collected.</summary>
    public FlowchartHarness CancelWhen(Func<TraceEvent, bool> trigger, string reason)
    {
        _cancellations.Add((trigger, reason));
        return this;
    }

    public Task<HarnessRun> RunAsync(Dictionary<string, JsonElement>? inputs = null) =>
        new RunLoop(this).RunAsync(inputs ?? []);

    private abstract record HostInput;
    private sealed record AttemptStarted(string NodeId, int Attempt) : HostInput;
    private sealed record AttemptEnded(string NodeId, int Attempt, NodeOutcome Outcome) : HostInput;
    private sealed record TimerTick : HostInput;
    private sealed record CancelRequested(string Reason) : HostInput;

    private sealed class RunLoop(FlowchartHarness harness) : IExecutionLog
    {
        private readonly FlowchartEngine _engine = new();
        private readonly Channel<HostInput> _inbox = Channel.CreateUnbounded<HostInput>();
        private readonly Dictionary<(string NodeId, int Attempt), CancellationTokenSource> _attempts = [];
        private readonly List<TraceEvent> _trace = [];
        private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
        private readonly HashSet<int> _firedCancellations = [];
        private readonly NodeExecutionPipeline _pipeline = NodeExecutionPipeline.CreateDefault(
            context => harness._components.GetValueOrDefault(context.ComponentId, new ScriptedComponent()).RunAsync(context));
        private RunState _state = new();
        private DateTimeOffset? _timerArmedFor;
        private int _inFlight;

        private CompiledFlowchart Flowchart => harness._flowchart;
        private DateTimeOffset Now => harness.Clock.GetUtcNow();

        public async Task<HarnessRun> RunAsync(Dictionary<string, JsonElement> inputs)
        {
            using var limit = new CancellationTokenSource(harness.Limit);
            Apply(_engine.CreateRun(Flowchart, "run-1", "wf-1", inputs, Now));
            Apply(_engine.Start(Flowchart, _state, Now));
            try
            {
                while (!_state.Status.IsTerminal() || _inFlight > 0)
                    Handle(await _inbox.Reader.ReadAsync(limit.Token));
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"Run did not finish within {harness.Limit}; status {_state.Status}, trace:\n{string.Join("\n", Snapshot().Select(Describe))}");
            }

            foreach (var attempt in _attempts.Values)
                attempt.Dispose();
            return new HarnessRun(_state, Snapshot());
        }

        public void Append(TraceEvent traceEvent)
        {
            var cancels = new List<string>();
            lock (_trace)
            {
                if (!_eventIds.Add(traceEvent.Id))
                    return;
                var stored = traceEvent with { Sequence = _trace.Count + 1 };
                _trace.Add(stored);
                for (var i = 0; i < harness._cancellations.Count; i++)
                {
                    if (harness._cancellations[i].Trigger(stored) && _firedCancellations.Add(i))
                        cancels.Add(harness._cancellations[i].Reason);
                }
            }

            foreach (var reason in cancels)
                _inbox.Writer.TryWrite(new CancelRequested(reason));
        }

        private void Handle(HostInput input)
        {
            switch (input)
            {
                case AttemptStarted started:
                    Apply(_engine.OnNodeStarted(Flowchart, _state, started.NodeId, started.Attempt, Now, "harness"));
                    break;
                case AttemptEnded { Outcome: NodeOutcome.Succeeded succeeded } ended:
                    _inFlight--;
                    Apply(_engine.OnNodeSucceeded(Flowchart, _state, ended.NodeId, ended.Attempt, succeeded.Outputs, succeeded.ActivatedPorts, Now));
                    break;
                case AttemptEnded { Outcome: NodeOutcome.Failed failed } ended:
                    _inFlight--;
                    Apply(_engine.OnNodeFailed(Flowchart, _state, ended.NodeId, ended.Attempt, failed.Error, Now));
                    break;
                case TimerTick:
                    _timerArmedFor = null;
                    Apply(_engine.OnTimersDue(Flowchart, _state, Now));
                    break;
                case CancelRequested cancel:
                    Apply(_engine.Cancel(Flowchart, _state, cancel.Reason, Now));
                    break;
            }
        }

        private void Apply(Decision decision)
        {
            _state = decision.State;
            foreach (var command in decision.Commands)
            {
                switch (command)
                {
                    case EmitTrace emit:
                        Append(emit.Event);
                        break;
                    case DispatchNode dispatch:
                        var attempt = new CancellationTokenSource();
                        _attempts[(dispatch.NodeId, dispatch.Attempt)] = attempt;
                        _inFlight++;
                        _ = Task.Run(() => ExecuteAsync(dispatch, attempt.Token));
                        break;
                    case CancelNode cancel when _attempts.TryGetValue((cancel.NodeId, cancel.Attempt), out var running):
                        running.Cancel();
                        break;
                }
            }

            ArmTimer();
        }

        private async Task ExecuteAsync(DispatchNode dispatch, CancellationToken cancellationToken)
        {
            try
            {
                _inbox.Writer.TryWrite(new AttemptStarted(dispatch.NodeId, dispatch.Attempt));
                var context = NodeExecutionContext.For(dispatch, this, harness.Clock, cancellationToken);
                var outcome = await _pipeline.ExecuteAsync(context);
                _inbox.Writer.TryWrite(new AttemptEnded(dispatch.NodeId, dispatch.Attempt, outcome));
            }
            catch (Exception exception)
            {
                _inbox.Writer.TryComplete(exception);
            }
        }

        private void ArmTimer()
        {
            if (_state.NextTimerDueAt is not { } due || due == _timerArmedFor || _state.Status.IsTerminal())
                return;
            _timerArmedFor = due;
            var delay = due - Now;
            _ = Task.Delay(delay > TimeSpan.Zero ? delay + TimeSpan.FromMilliseconds(1) : TimeSpan.Zero, harness.Clock)
                .ContinueWith(_ => _inbox.Writer.TryWrite(new TimerTick()), TaskScheduler.Default);
        }

        private List<TraceEvent> Snapshot()
        {
            lock (_trace)
                return [.. _trace];
        }

        private static string Describe(TraceEvent e) => $"{e.Sequence} {e.Type} {e.NodeId} #{e.Attempt} {e.Message}";
    }
}
