using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.JoinAllSkipPropagation;

public class Tests
{
    // start → decide ─yes→ onYes ───────────────┐
    //                └no─→ onNo → n2 → n3 ──────┴→ merge (all) → after
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Workflow = new DefinitionBuilder()
        .Entry()
        .Node("decide", branchingPorts: ["yes", "no"])
        .Node("onYes").Node("onNo").Node("n2").Node("n3").Node("merge").Node("after")
        .Edge("start", "decide")
        .Edge("decide", "onYes", sourceHandle: "yes").Edge("decide", "onNo", sourceHandle: "no")
        .Edge("onNo", "n2").Edge("n2", "n3")
        .Edge("onYes", "merge").Edge("n3", "merge").Edge("merge", "after")
        .Build();

    [Test]
    public async Task Join_all_is_skipped_when_a_path_was_not_taken_and_the_skip_propagates()
    {
        var harness = new FlowchartHarness(Workflow).With("decide", new ScriptedComponent { ActivatePorts = ["yes"] });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.Node("onYes").Status, Is.EqualTo(NodeStatus.Succeeded));
        foreach (var skipped in new[] { "onNo", "n2", "n3", "merge", "after" })
            Assert.That(run.TypesOf(skipped), Is.EqualTo(new[] { TraceEventType.NodeSkipped }), skipped);
        Assert.That(HarnessRun.Data(run.Single("merge", TraceEventType.NodeSkipped)).GetProperty("reason").GetString(), Does.Contain("n3->merge"));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public void Join_all_waits_for_every_inbound_edge_before_deciding()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("a").Node("b").Node("merge")
            .Edge("start", "a").Edge("start", "b").Edge("a", "merge").Edge("b", "merge")
            .Build();
        var run = PureRun.Start(definition);
        run.Succeed("start");

        var afterFirst = run.Succeed("a");
        var afterSecond = run.Succeed("b");

        Assert.That(PureRun.Dispatched(afterFirst), Is.Empty);
        Assert.That(PureRun.Dispatched(afterSecond), Is.EqualTo(new[] { "merge" }));
    }

    [Test]
    public void Join_all_skip_waits_until_the_other_inbound_edges_resolve()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("a", branchingPorts: ["go"]).Node("b").Node("merge")
            .Edge("start", "a").Edge("start", "b").Edge("a", "merge", sourceHandle: "go").Edge("b", "merge")
            .Build();
        var run = PureRun.Start(definition);
        run.Succeed("start");

        var notFollowed = run.Succeed("a", ports: []);
        Assert.That(PureRun.Skipped(notFollowed), Is.Empty, "b is still running");

        var lastResolved = run.Succeed("b");
        Assert.That(PureRun.Skipped(lastResolved), Is.EqualTo(new[] { "merge" }));
        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
    }

    [TestCase(JoinStrategy.All)]
    [TestCase(JoinStrategy.Any)]
    [TestCase(JoinStrategy.First)]
    public void A_node_is_skipped_when_every_inbound_edge_is_not_followed(JoinStrategy join)
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("a", branchingPorts: ["go"]).Node("b", branchingPorts: ["go"]).Node("merge", join: join)
            .Edge("start", "a").Edge("start", "b")
            .Edge("a", "merge", sourceHandle: "go").Edge("b", "merge", sourceHandle: "go")
            .Build();
        var run = PureRun.Start(definition);
        run.Succeed("start");
        run.Succeed("a", ports: []);

        run.Succeed("b", ports: []);

        Assert.That(run.Node("merge").Status, Is.EqualTo(NodeStatus.Skipped));
        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
    }
}
