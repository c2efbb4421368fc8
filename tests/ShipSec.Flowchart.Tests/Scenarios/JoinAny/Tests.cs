using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.JoinAny;

public class Tests
{
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Workflow = new DefinitionBuilder()
        .Entry().Node("fast").Node("slow").Node("either", join: JoinStrategy.Any)
        .Edge("start", "fast").Edge("start", "slow").Edge("fast", "either").Edge("slow", "either")
        .Build();

    [Test]
    public async Task Join_any_runs_once_and_lets_the_other_branch_finish()
    {
        var harness = new FlowchartHarness(Workflow).With("slow", new ScriptedComponent { DelayMs = 50 });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.TypesOf("either"), Is.EqualTo(new[] { TraceEventType.NodeStarted, TraceEventType.NodeCompleted }));
        Assert.That(run.Node("slow").Status, Is.EqualTo(NodeStatus.Succeeded), "any does not cancel the other branch");
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public void Join_any_runs_on_the_first_followed_edge_and_ignores_later_arrivals()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");

        var first = run.Succeed("fast");
        var later = run.Succeed("slow");

        Assert.That(PureRun.Dispatched(first), Is.EqualTo(new[] { "either" }));
        Assert.That(run.Node("either").Triggered, Is.True);
        Assert.That(PureRun.Dispatched(later), Is.Empty);
        Assert.That(run.Node("either").Attempt, Is.EqualTo(1));
    }

    [Test]
    public void Join_any_runs_when_the_followed_edge_arrives_after_a_not_followed_one()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("a", branchingPorts: ["go"]).Node("b").Node("either", join: JoinStrategy.Any)
            .Edge("start", "a").Edge("start", "b").Edge("a", "either", sourceHandle: "go").Edge("b", "either")
            .Build();
        var run = PureRun.Start(definition);
        run.Succeed("start");
        run.Succeed("a", ports: []);

        var decision = run.Succeed("b");

        Assert.That(PureRun.Dispatched(decision), Is.EqualTo(new[] { "either" }));
    }
}
