using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.Diamond;

public class Tests
{
    [Test]
    public async Task Diamond_join_runs_once_after_both_branches_with_both_inputs()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("left").Node("right").Node("merge")
            .Edge("start", "left").Edge("start", "right")
            .Data("left", "result", "merge", "fromLeft").Data("right", "result", "merge", "fromRight")
            .Build();
        var harness = new FlowchartHarness(definition).With("right", new ScriptedComponent { DelayMs = 30 });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        var mergeStarted = run.Single("merge", TraceEventType.NodeStarted);
        Assert.That(mergeStarted.Sequence, Is.GreaterThan(run.SequenceOf("left", TraceEventType.NodeCompleted)));
        Assert.That(mergeStarted.Sequence, Is.GreaterThan(run.SequenceOf("right", TraceEventType.NodeCompleted)));
        Assert.That(run.Node("merge").Inputs!["fromLeft"].GetString(), Is.EqualTo("left"));
        Assert.That(run.Node("merge").Inputs!["fromRight"].GetString(), Is.EqualTo("right"));
        TraceShape.AssertWellFormed(run);
    }
}
