using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.CancelMidRun;

public class Tests
{
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Workflow = new DefinitionBuilder()
        .Entry().Node("scan").Node("report").Edge("start", "scan").Edge("scan", "report")
        .Build();

    [Test]
    public async Task Cancel_mid_run_stops_the_running_attempt_and_ends_cancelled()
    {
        var harness = new FlowchartHarness(Workflow)
            .With("scan", new ScriptedComponent { DelayMs = 20_000 })
            .CancelWhen(e => e.Type == TraceEventType.NodeStarted && e.NodeId == "scan", "stopped by user");

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(run.State.Failure!.Reason, Is.EqualTo("stopped by user"));
        Assert.That(run.Node("scan").Status, Is.EqualTo(NodeStatus.Cancelled));
        Assert.That(run.FailedErrorType("scan"), Is.EqualTo(NodeErrorTypes.Cancelled));
        Assert.That(run.TypesOf("report"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        Assert.That(run.Statuses, Is.EqualTo(new[] { "QUEUED", "RUNNING", "CANCELLED" }));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public void Cancelling_a_queued_run_ends_it_at_once()
    {
        var run = PureRun.Queue(Workflow);

        var decision = run.Cancel("not needed");

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(decision.Commands.OfType<RunFinished>().Single().Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(decision.Commands.OfType<DispatchNode>(), Is.Empty);
        Assert.That(run.Engine.Start(run.Flowchart, run.State, run.Now).IsNoOp, Is.True);
    }

    [Test]
    public void Cancelling_twice_is_a_no_op()
    {
        var run = PureRun.Start(Workflow);
        run.Cancel("first");

        var second = run.Cancel("second");

        Assert.That(second.IsNoOp, Is.True);
        Assert.That(run.State.Failure!.Reason, Is.EqualTo("first"));
    }

    [Test]
    public void Cancel_abandons_a_pending_retry()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("flaky", retry: new ShipSec.Contracts.Graph.RetryPolicy { MaxAttempts = 3, InitialIntervalSeconds = 10 })
            .Edge("start", "flaky")
            .Build();
        var run = PureRun.Start(definition);
        run.Succeed("start");
        run.Fail("flaky", Errors.Network);

        run.Cancel("stop");

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(run.Node("flaky").Status, Is.EqualTo(NodeStatus.Cancelled));
        Assert.That(run.State.Timers, Is.Empty);
    }
}
