using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.LostAttempt;

/// <summary>An attempt whose worker died (the host's lease expired) runs again outside the retry policy, a bounded number of times.</summary>
public class Tests
{
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Workflow = new DefinitionBuilder()
        .Entry().Node("a").Node("b")
        .Edge("start", "a").Edge("a", "b")
        .Build();

    private static readonly NodeError LeaseExpired = new() { Type = "LeaseExpiredError", Message = "worker gone", Retryable = true };

    [Test]
    public void A_lost_attempt_is_dispatched_again_even_without_a_retry_policy()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");

        var lost = Lose(run, "a", attempt: 1);

        Assert.That(PureRun.Dispatched(lost), Is.EqualTo(new[] { "a" }));
        Assert.That(run.DispatchOf("a").Attempt, Is.EqualTo(2));
        Assert.That(run.Node("a").Attempts[0].Error, Is.EqualTo(LeaseExpired));
        var failed = lost.Commands.OfType<ShipSec.Flowchart.Engine.EmitTrace>().Single().Event;
        Assert.That((failed.Type, failed.Id, failed.Attempt), Is.EqualTo((TraceEventType.NodeFailed, $"{run.State.RunId}/a/1/failed", (int?)1)));
        Assert.That(failed.Data!.Value.GetProperty("willRetry").GetBoolean(), Is.True);

        run.Succeed("a", attempt: 2);
        run.Succeed("b");
        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
    }

    [Test]
    public void A_loss_after_the_limit_counts_as_a_failure_of_the_node()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");

        Lose(run, "a", attempt: 1, maxLost: 1);
        var second = Lose(run, "a", attempt: 2, maxLost: 1);

        Assert.That(PureRun.Dispatched(second), Is.Empty);
        Assert.That(run.Node("a").Status, Is.EqualTo(NodeStatus.Failed));
        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.State.Failure!.NodeId, Is.EqualTo("a"));
    }

    [Test]
    public void A_loss_reported_after_the_result_changes_nothing()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");
        run.Succeed("a");

        var late = Lose(run, "a", attempt: 1);

        Assert.That(late.IsNoOp, Is.True);
        Assert.That(run.Node("a").Status, Is.EqualTo(NodeStatus.Succeeded));
    }

    private static ShipSec.Flowchart.Engine.Decision Lose(PureRun run, string nodeId, int attempt, int maxLost = 3) =>
        run.Step(run.Engine.OnNodeLost(run.Flowchart, run.State, nodeId, attempt, LeaseExpired, maxLost, run.Now));
}
