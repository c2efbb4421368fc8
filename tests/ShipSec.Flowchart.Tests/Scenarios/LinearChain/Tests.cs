using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.LinearChain;

public class Tests
{
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Chain = new DefinitionBuilder()
        .Entry().Node("a").Node("b").Node("c")
        .Edge("start", "a").Edge("a", "b").Edge("b", "c")
        .Build();

    [Test]
    public async Task Linear_chain_runs_each_node_after_its_predecessor_and_completes()
    {
        var run = await new FlowchartHarness(Chain).RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.Trace.Where(e => e.Type == TraceEventType.NodeStarted).Select(e => e.NodeId), Is.EqualTo(new[] { "start", "a", "b", "c" }));
        Assert.That(run.SequenceOf("b", TraceEventType.NodeStarted), Is.GreaterThan(run.SequenceOf("a", TraceEventType.NodeCompleted)));
        Assert.That(run.SequenceOf("c", TraceEventType.NodeStarted), Is.GreaterThan(run.SequenceOf("b", TraceEventType.NodeCompleted)));
        Assert.That(run.Statuses, Is.EqualTo(new[] { "QUEUED", "RUNNING", "COMPLETED" }));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public async Task Completed_run_reports_full_progress_and_timings()
    {
        var run = await new FlowchartHarness(Chain).RunAsync();

        Assert.That(RunProgressCalculator.Calculate(run.State), Is.EqualTo(new RunProgress(4, 4)));
        Assert.That(run.State.CompletedAt, Is.Not.Null);
        Assert.That(run.State.Nodes.Values.Select(n => n.Status), Is.All.EqualTo(NodeStatus.Succeeded));
        Assert.That(run.Node("c").Attempts.Single().StartedAt, Is.Not.Null, "the host's started report fills the attempt's timing");
        Assert.That(run.Node("c").Attempts.Single().Worker, Is.EqualTo("harness"));
    }

    [Test]
    public void Progress_counts_succeeded_nodes_against_all_nodes()
    {
        var run = PureRun.Start(Chain);
        run.Succeed("start");
        run.Succeed("a");

        Assert.That(RunProgressCalculator.Calculate(run.State), Is.EqualTo(new RunProgress(2, 4)));
    }
}
