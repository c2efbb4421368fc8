using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.Retries;

public class Tests
{
    private static readonly RetryPolicy ThreeQuickAttempts = new()
    {
        MaxAttempts = 3,
        InitialIntervalSeconds = 0.01,
        BackoffCoefficient = 2,
        NonRetryableErrorTypes = [NodeErrorTypes.Authentication],
    };

    private static ShipSec.Contracts.Definitions.WorkflowDefinition Workflow(RetryPolicy policy) => new DefinitionBuilder()
        .Entry().Node("flaky", retry: policy).Node("next").Node("handler")
        .Edge("start", "flaky").Edge("flaky", "next").Edge("flaky", "handler", EdgeKind.Error)
        .Build();

    [Test]
    public async Task Retry_then_succeed_emits_one_failed_event_per_attempt_then_completed()
    {
        var harness = new FlowchartHarness(Workflow(ThreeQuickAttempts)).With("flaky", new ScriptedComponent { FailAttempts = 2, Error = Errors.Network });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.TypesOf("flaky"), Is.EqualTo(new[]
        {
            TraceEventType.NodeStarted, TraceEventType.NodeFailed,
            TraceEventType.NodeStarted, TraceEventType.NodeFailed,
            TraceEventType.NodeStarted, TraceEventType.NodeCompleted,
        }));
        Assert.That(run.EventsOf("flaky").Where(e => e.Type == TraceEventType.NodeFailed).Select(HarnessRun.WillRetry), Is.All.True);
        Assert.That(run.Node("flaky").Attempts.Select(a => a.Attempt), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(run.Node("next").Status, Is.EqualTo(NodeStatus.Succeeded));
        Assert.That(run.TypesOf("handler"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public async Task Exhausted_retries_follow_the_error_edge()
    {
        var harness = new FlowchartHarness(Workflow(ThreeQuickAttempts with { MaxAttempts = 2 }))
            .With("flaky", ScriptedComponent.Failing(Errors.Network));

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        var failures = run.EventsOf("flaky").Where(e => e.Type == TraceEventType.NodeFailed).ToList();
        Assert.That(failures.Select(HarnessRun.WillRetry), Is.EqualTo(new[] { true, false }));
        Assert.That(run.Node("flaky").Status, Is.EqualTo(NodeStatus.Failed));
        Assert.That(run.Node("handler").Status, Is.EqualTo(NodeStatus.Succeeded));
        Assert.That(run.TypesOf("next"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public async Task Error_type_listed_as_non_retryable_is_not_retried()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("flaky", retry: ThreeQuickAttempts).Edge("start", "flaky")
            .Build();
        var harness = new FlowchartHarness(definition).With("flaky", ScriptedComponent.Failing(Errors.Authentication));

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.TypesOf("flaky"), Is.EqualTo(new[] { TraceEventType.NodeStarted, TraceEventType.NodeFailed }));
        Assert.That(HarnessRun.WillRetry(run.Single("flaky", TraceEventType.NodeFailed)), Is.False);
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public void Error_the_module_declares_not_retryable_is_not_retried()
    {
        var run = PureRun.Start(Workflow(ThreeQuickAttempts));
        run.Succeed("start");

        var decision = run.Fail("flaky", Errors.Validation);

        Assert.That(run.Node("flaky").Status, Is.EqualTo(NodeStatus.Failed));
        Assert.That(run.State.Timers.Where(t => t.Kind == RunTimerKind.Retry), Is.Empty);
        Assert.That(PureRun.Dispatched(decision), Is.EqualTo(new[] { "handler" }));
    }

    [Test]
    public void Retry_waits_for_its_backoff_timer_before_dispatching_the_next_attempt()
    {
        var policy = ThreeQuickAttempts with { InitialIntervalSeconds = 0.05 };
        var run = PureRun.Start(Workflow(policy));
        run.Succeed("start");

        var failed = run.Fail("flaky", Errors.Network);
        Assert.That(run.Node("flaky").Status, Is.EqualTo(NodeStatus.WaitingRetry));
        Assert.That(failed.Commands, Is.Empty);
        Assert.That(run.State.NextTimerDueAt, Is.EqualTo(PureRun.T0 + TimeSpan.FromSeconds(0.05)));

        var early = run.Advance(TimeSpan.FromSeconds(0.04));
        Assert.That(early.IsNoOp, Is.True);

        var due = run.Advance(TimeSpan.FromSeconds(0.01));
        Assert.That(due.Commands.OfType<ShipSec.Flowchart.Engine.DispatchNode>().Single().Attempt, Is.EqualTo(2));
    }
}
