using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.ErrorEdge;

public class Tests
{
    // start → scan → next
    //          └error(error→failure)→ notify → cleanup
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Workflow = new DefinitionBuilder()
        .Entry().Node("scan").Node("next").Node("notify").Node("cleanup")
        .Edge("start", "scan").Edge("scan", "next")
        .Data("scan", WellKnown.ErrorHandle, "notify", "failure", EdgeKind.Error)
        .Edge("notify", "cleanup")
        .Build();

    [Test]
    public async Task Error_edge_handles_the_failure_and_the_run_completes()
    {
        var harness = new FlowchartHarness(Workflow).With("scan", ScriptedComponent.Failing(Errors.Validation));

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.State.Failure, Is.Null);
        Assert.That(run.Node("scan").Status, Is.EqualTo(NodeStatus.Failed));
        Assert.That(run.TypesOf("next"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        Assert.That(run.Node("cleanup").Status, Is.EqualTo(NodeStatus.Succeeded));
        var failure = run.Node("notify").Inputs!["failure"];
        Assert.That(failure.GetProperty("type").GetString(), Is.EqualTo(NodeErrorTypes.Validation));
        Assert.That(failure.GetProperty("message").GetString(), Is.EqualTo(Errors.Validation.Message));
        Assert.That(failure.GetProperty("retryable").GetBoolean(), Is.False);
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public async Task Error_branch_is_skipped_when_the_node_succeeds()
    {
        var run = await new FlowchartHarness(Workflow).RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.Node("next").Status, Is.EqualTo(NodeStatus.Succeeded));
        Assert.That(run.TypesOf("notify"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        Assert.That(run.TypesOf("cleanup"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        TraceShape.AssertWellFormed(run);
    }
}
