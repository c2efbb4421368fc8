using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.WideFanOutFanIn;

public class Tests
{
    private const int Width = 50;

    [Test]
    public async Task Fifty_branches_fan_out_then_fan_in_to_one_node_that_runs_once()
    {
        var builder = new DefinitionBuilder().Entry();
        for (var i = 1; i <= Width; i++)
            builder.Node($"scan{i}", component: "scan").Edge("start", $"scan{i}");
        builder.Node("report");
        for (var i = 1; i <= Width; i++)
            builder.Data($"scan{i}", "result", "report", $"in{i}");
        var harness = new FlowchartHarness(builder.Build()).With("scan", new ScriptedComponent { DelayMs = 5 });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        var reportStarted = run.Single("report", TraceEventType.NodeStarted).Sequence;
        var lastScanCompleted = Enumerable.Range(1, Width).Max(i => run.SequenceOf($"scan{i}", TraceEventType.NodeCompleted));
        Assert.That(reportStarted, Is.GreaterThan(lastScanCompleted));
        Assert.That(run.Node("report").Inputs, Has.Count.EqualTo(Width));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public void All_fan_out_nodes_are_dispatched_in_one_decision()
    {
        var builder = new DefinitionBuilder().Entry();
        for (var i = 1; i <= Width; i++)
            builder.Node($"scan{i}").Edge("start", $"scan{i}");

        var run = PureRun.Start(builder.Build());
        var decision = run.Succeed("start");

        Assert.That(PureRun.Dispatched(decision), Has.Count.EqualTo(Width));
    }
}
