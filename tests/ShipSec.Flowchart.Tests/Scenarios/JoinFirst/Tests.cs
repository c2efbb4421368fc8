using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.JoinFirst;

public class Tests
{
    // start → fast ───────────────┐
    //       → slow → slowTail ────┴→ winner (first)
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Race = new DefinitionBuilder()
        .Entry().Node("fast").Node("slow").Node("slowTail").Node("winner", join: JoinStrategy.First)
        .Edge("start", "fast").Edge("start", "slow").Edge("slow", "slowTail")
        .Edge("fast", "winner").Edge("slowTail", "winner")
        .Build();

    [Test]
    public async Task Join_first_cancels_the_losing_branch_that_is_still_running()
    {
        var harness = new FlowchartHarness(Race).With("slow", new ScriptedComponent { DelayMs = 20_000 });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.TypesOf("winner"), Is.EqualTo(new[] { TraceEventType.NodeStarted, TraceEventType.NodeCompleted }));
        Assert.That(run.Node("slow").Status, Is.EqualTo(NodeStatus.Cancelled));
        Assert.That(run.FailedErrorType("slow"), Is.EqualTo("CancelledError"));
        Assert.That(HarnessRun.WillRetry(run.Single("slow", TraceEventType.NodeFailed)), Is.False);
        Assert.That(run.TypesOf("slowTail"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public void Join_first_cancels_running_feeders_and_skips_pending_ones_in_the_same_decision()
    {
        var run = PureRun.Start(Race);
        run.Succeed("start");

        var decision = run.Succeed("fast");

        Assert.That(PureRun.Dispatched(decision), Is.EqualTo(new[] { "winner" }));
        Assert.That(decision.Commands.OfType<CancelNode>().Select(c => c.NodeId), Is.EqualTo(new[] { "slow" }));
        Assert.That(PureRun.Skipped(decision), Is.EqualTo(new[] { "slowTail" }));
    }

    [Test]
    public void Join_first_keeps_a_branch_that_also_feeds_another_node()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("fast").Node("shared").Node("winner", join: JoinStrategy.First).Node("other")
            .Edge("start", "fast").Edge("start", "shared")
            .Edge("fast", "winner").Edge("shared", "winner").Edge("shared", "other")
            .Build();
        var run = PureRun.Start(definition);
        run.Succeed("start");

        var decision = run.Succeed("fast");

        Assert.That(decision.Commands.OfType<CancelNode>(), Is.Empty);
        Assert.That(run.Node("shared").Status, Is.EqualTo(NodeStatus.Running));
        run.Succeed("shared");
        Assert.That(run.Node("other").Status, Is.EqualTo(NodeStatus.Running));
    }

    [Test]
    public void Run_completes_only_after_the_cancelled_loser_reports_back()
    {
        var run = PureRun.Start(Race);
        run.Succeed("start");
        run.Succeed("fast");

        var winnerDone = run.Succeed("winner");
        Assert.That(winnerDone.State.Status, Is.EqualTo(RunStatus.Running), "slow's cancellation is not confirmed yet");

        run.Fail("slow", new NodeError { Type = NodeErrorTypes.Cancelled, Message = "cancelled" });
        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.Node("slow").Status, Is.EqualTo(NodeStatus.Cancelled));
    }

    [Test]
    public void Cancelled_loser_reporting_back_drops_its_drain_deadline()
    {
        var run = PureRun.Start(Race);
        run.Succeed("start");
        run.Succeed("fast");
        Assert.That(run.State.Timers.Select(t => (t.Kind, t.NodeId)), Is.EqualTo(new[] { (RunTimerKind.Drain, "slow") }));

        run.Fail("slow", new NodeError { Type = NodeErrorTypes.Cancelled, Message = "cancelled" });

        Assert.That(run.State.Timers, Is.Empty);
        Assert.That(run.Node("winner").Status, Is.EqualTo(NodeStatus.Running));
    }

    [Test]
    public void First_join_feeders_are_those_whose_every_path_leads_into_the_join()
    {
        var flowchart = new DefinitionBuilder()
            .Entry().Node("a").Node("b").Node("c").Node("j", join: JoinStrategy.First).Node("x")
            .Edge("start", "a").Edge("start", "b").Edge("a", "j").Edge("b", "c").Edge("c", "j").Edge("b", "x")
            .Compile();

        Assert.That(FirstJoin.ExclusiveFeeders(flowchart, "j"), Is.EqualTo(new[] { "a", "c" }));
    }
}
