using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.FailureInsideJoin;

public class Tests
{
    [Test]
    public async Task Handled_failure_in_one_branch_skips_the_join_and_runs_the_handler()
    {
        // start → ok  ──────┐
        //       → bad ──────┴→ merge (all)
        //          └error→ handler
        var definition = new DefinitionBuilder()
            .Entry().Node("ok").Node("bad").Node("merge").Node("handler")
            .Edge("start", "ok").Edge("start", "bad").Edge("ok", "merge").Edge("bad", "merge")
            .Edge("bad", "handler", EdgeKind.Error)
            .Build();
        var harness = new FlowchartHarness(definition)
            .With("ok", new ScriptedComponent { DelayMs = 20 })
            .With("bad", ScriptedComponent.Failing(Errors.Validation));

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.Node("ok").Status, Is.EqualTo(NodeStatus.Succeeded));
        Assert.That(run.Node("handler").Status, Is.EqualTo(NodeStatus.Succeeded));
        Assert.That(run.TypesOf("merge"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public async Task Unhandled_failure_in_one_branch_of_a_join_fails_the_run()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("ok").Node("bad").Node("merge", join: JoinStrategy.Any)
            .Edge("start", "ok").Edge("start", "bad").Edge("ok", "merge").Edge("bad", "merge")
            .Build();
        var harness = new FlowchartHarness(definition)
            .With("ok", new ScriptedComponent { DelayMs = 20_000 })
            .With("bad", ScriptedComponent.Failing(Errors.Validation));

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.State.Failure!.NodeId, Is.EqualTo("bad"));
        Assert.That(run.Node("ok").Status, Is.EqualTo(NodeStatus.Cancelled));
        Assert.That(run.TypesOf("merge"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        TraceShape.AssertWellFormed(run);
    }
}
