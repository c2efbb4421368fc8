using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.RunTimeout;

public class Tests
{
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Workflow = new DefinitionBuilder()
        .Entry().Node("long").Node("after").Edge("start", "long").Edge("long", "after")
        .RunTimeout(3)
        .Build();

    [Test]
    public async Task Run_exceeding_its_timeout_ends_timed_out()
    {
        var harness = new FlowchartHarness(Workflow) { Clock = new AcceleratedClock(speed: 5) }
            .With("long", new ScriptedComponent { DelayMs = 600_000 });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.TimedOut));
        Assert.That(run.State.Failure!.Reason, Does.Contain("timeout"));
        Assert.That(run.Node("long").Status, Is.EqualTo(NodeStatus.Cancelled));
        Assert.That(run.FailedErrorType("long"), Is.EqualTo(NodeErrorTypes.Cancelled));
        Assert.That(run.TypesOf("after"), Is.EqualTo(new[] { TraceEventType.NodeSkipped }));
        Assert.That(run.Statuses, Is.EqualTo(new[] { "QUEUED", "RUNNING", "TIMED_OUT" }));
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public void Run_timeout_timer_is_armed_at_start_and_fires_at_its_due_time()
    {
        var run = PureRun.Start(Workflow);
        Assert.That(run.State.NextTimerDueAt, Is.EqualTo(PureRun.T0.AddSeconds(3)));

        Assert.That(run.Advance(TimeSpan.FromSeconds(2.9)).IsNoOp, Is.True);
        run.Advance(TimeSpan.FromSeconds(0.1));

        Assert.That(run.State.PendingTerminalStatus, Is.EqualTo(RunStatus.TimedOut));
        Assert.That(run.Last.Commands.OfType<ShipSec.Flowchart.Engine.CancelNode>().Single().NodeId, Is.EqualTo("start"));
    }

    [Test]
    public void Run_that_finishes_in_time_clears_its_timeout()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");
        run.Succeed("long");
        run.Succeed("after");

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.State.Timers, Is.Empty);
        Assert.That(run.Advance(TimeSpan.FromSeconds(5)).IsNoOp, Is.True);
    }
}
