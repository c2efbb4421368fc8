using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.BranchingPorts;

public class Tests
{
    // start → decide ─yes→ onYes
    //                └no─→ onNo
    //                └result (not a branch port) → always
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Workflow = new DefinitionBuilder()
        .Entry().Node("decide", branchingPorts: ["yes", "no"]).Node("onYes").Node("onNo").Node("always")
        .Edge("start", "decide")
        .Edge("decide", "onYes", sourceHandle: "yes").Edge("decide", "onNo", sourceHandle: "no")
        .Data("decide", "result", "always", "value")
        .Build();

    [Test]
    public async Task Only_the_activated_port_is_followed()
    {
        var harness = new FlowchartHarness(Workflow).With("decide", new ScriptedComponent { ActivatePorts = ["no"] });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.TypesOf("onYes"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        Assert.That(run.Node("onNo").Status, Is.EqualTo(NodeStatus.Succeeded));
        Assert.That(run.Node("always").Status, Is.EqualTo(NodeStatus.Succeeded), "a data port that is not a branch port is always followed");
        var completed = HarnessRun.Data(run.Single("decide", TraceEventType.NodeCompleted));
        Assert.That(completed.GetProperty("activatedPorts")[0].GetString(), Is.EqualTo("no"));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public void No_activated_ports_reported_means_every_port_is_followed()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");

        var decision = run.Succeed("decide", ports: null);

        Assert.That(PureRun.Dispatched(decision), Is.EquivalentTo(new[] { "onYes", "onNo", "always" }));
    }
}
