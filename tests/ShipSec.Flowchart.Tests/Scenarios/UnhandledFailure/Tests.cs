using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.UnhandledFailure;

public class Tests
{
    // start → slow → afterSlow
    //       → bad  → afterBad
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Workflow = new DefinitionBuilder()
        .Entry().Node("slow").Node("bad").Node("afterSlow").Node("afterBad")
        .Edge("start", "slow").Edge("start", "bad").Edge("slow", "afterSlow").Edge("bad", "afterBad")
        .Build();

    [Test]
    public async Task Failure_without_error_edge_fails_the_run_cancels_running_and_skips_pending()
    {
        var harness = new FlowchartHarness(Workflow)
            .With("slow", new ScriptedComponent { DelayMs = 20_000 })
            .With("bad", new ScriptedComponent { DelayMs = 10, FailAttempts = 1, Error = Errors.Validation });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.State.Failure!.NodeId, Is.EqualTo("bad"));
        Assert.That(run.State.Failure.Reason, Does.Contain(Errors.Validation.Message));
        Assert.That(run.Node("slow").Status, Is.EqualTo(NodeStatus.Cancelled));
        Assert.That(run.FailedErrorType("slow"), Is.EqualTo("CancelledError"));
        Assert.That(run.TypesOf("afterSlow"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        Assert.That(run.TypesOf("afterBad"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        Assert.That(run.Statuses, Is.EqualTo(new[] { "QUEUED", "RUNNING", "FAILED" }));
        var final = HarnessRun.Data(run.Trace[^1]);
        Assert.That(final.GetProperty("failure").GetProperty("nodeId").GetString(), Is.EqualTo("bad"));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public void Failed_status_is_announced_only_once_running_nodes_have_drained()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");

        var failure = run.Fail("bad", Errors.Validation);

        Assert.That(failure.Commands.OfType<CancelNode>().Select(c => c.NodeId), Is.EqualTo(new[] { "slow" }));
        Assert.That(failure.Commands.OfType<RunFinished>(), Is.Empty);
        Assert.That(run.State.PendingTerminalStatus, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.State.Failure!.NodeId, Is.EqualTo("bad"));

        var drained = run.Fail("slow", new NodeError { Type = NodeErrorTypes.Cancelled, Message = "cancelled" });

        Assert.That(drained.Commands.OfType<RunFinished>().Single().Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.State.CompletedAt, Is.EqualTo(run.Now));
    }

    [Test]
    public void Drain_deadline_ends_the_run_when_a_cancelled_node_never_reports_back()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");
        run.Fail("bad", Errors.Validation);

        var early = run.Advance(TimeSpan.FromSeconds(29));
        Assert.That(early.State.Status, Is.EqualTo(RunStatus.Running));

        run.Advance(TimeSpan.FromSeconds(1));
        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.Node("slow").CurrentAttempt!.Error!.Type, Is.EqualTo(NodeErrorTypes.Cancelled));
    }

    [Test]
    public void Late_success_of_a_cancelled_attempt_is_recorded_but_changes_nothing_else()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");
        run.Fail("bad", Errors.Validation);

        var late = run.Succeed("slow");

        Assert.That(late.IsNoOp, Is.False);
        Assert.That(run.Node("slow").Status, Is.EqualTo(NodeStatus.Cancelled));
        Assert.That(run.Node("slow").CurrentAttempt!.CompletedAt, Is.Not.Null);
        Assert.That(run.Node("afterSlow").Status, Is.EqualTo(NodeStatus.Skipped));
        Assert.That(PureRun.Dispatched(late), Is.Empty);
        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Failed));
    }
}
