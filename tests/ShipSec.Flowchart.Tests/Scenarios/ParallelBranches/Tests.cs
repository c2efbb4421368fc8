using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.ParallelBranches;

public class Tests
{
    [Test]
    public async Task Independent_branches_run_concurrently()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("left").Node("right").Node("join")
            .Edge("start", "left").Edge("start", "right").Edge("left", "join").Edge("right", "join")
            .Build();
        var harness = new FlowchartHarness(definition)
            .With("left", new ScriptedComponent { DelayMs = 200 })
            .With("right", new ScriptedComponent { DelayMs = 200 });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        var lastStart = Math.Max(run.SequenceOf("left", TraceEventType.NodeStarted), run.SequenceOf("right", TraceEventType.NodeStarted));
        var firstEnd = Math.Min(run.SequenceOf("left", TraceEventType.NodeCompleted), run.SequenceOf("right", TraceEventType.NodeCompleted));
        Assert.That(lastStart, Is.LessThan(firstEnd), "both branches were running at the same time");
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public void Every_root_node_is_dispatched_in_the_start_decision()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("a").Node("orphan").Edge("start", "a")
            .Build();

        var run = PureRun.Start(definition);

        Assert.That(PureRun.Dispatched(run.Last), Is.EquivalentTo(new[] { "start", "orphan" }));
    }
}
