using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.TraceEvents;

public class Tests
{
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Workflow = new DefinitionBuilder()
        .Entry().Node("decide", branchingPorts: ["yes"]).Node("onYes")
        .Edge("start", "decide").Edge("decide", "onYes", sourceHandle: "yes")
        .Build();

    [Test]
    public void Every_status_change_emits_one_workflow_status_event_with_a_stable_id()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");
        run.Succeed("decide", ports: ["yes"]);
        run.Succeed("onYes");

        var statuses = run.Trace.Where(e => e.Type == TraceEventType.WorkflowStatus).ToList();
        Assert.That(statuses.Select(e => e.Id), Is.EqualTo(new[] { "run-1/status/QUEUED", "run-1/status/RUNNING", "run-1/status/COMPLETED" }));
        Assert.That(statuses.Select(e => e.Data!.Value.GetProperty("status").GetString()), Is.EqualTo(new[] { "QUEUED", "RUNNING", "COMPLETED" }));
        Assert.That(statuses, Has.All.Matches<TraceEvent>(e => e!.NodeId == null && e.RunId == "run-1" && e.WorkflowId == "wf-1" && e.Sequence == 0));
        Assert.That(run.State.UpdatedAt, Is.EqualTo(run.Now));
    }

    [Test]
    public void Skipped_node_event_carries_its_reason_and_a_stable_id()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");

        run.Succeed("decide", ports: []);

        var skipped = run.Trace.Single(e => e.Type == TraceEventType.NodeSkipped);
        Assert.That(skipped.Id, Is.EqualTo("run-1/onYes/skipped"));
        Assert.That(skipped.NodeId, Is.EqualTo("onYes"));
        Assert.That(skipped.Timestamp, Is.EqualTo(run.Now));
        Assert.That(skipped.Data!.Value.GetProperty("reason").GetString(), Is.Not.Empty);
        Assert.That(run.Node("onYes").SkipReason, Is.EqualTo(skipped.Data!.Value.GetProperty("reason").GetString()));
    }

    [Test]
    public void Failed_status_event_carries_the_failure()
    {
        var run = PureRun.Start(Workflow);

        run.Fail("start", Errors.Validation);

        var final = run.Trace.Last();
        Assert.That(final.Id, Is.EqualTo("run-1/status/FAILED"));
        Assert.That(final.Level, Is.EqualTo(TraceLevel.Error));
        var failure = final.Data!.Value.GetProperty("failure");
        Assert.That(failure.GetProperty("nodeId").GetString(), Is.EqualTo("start"));
        Assert.That(failure.GetProperty("details").GetProperty("type").GetString(), Is.EqualTo(NodeErrorTypes.Validation));
        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Failed));
    }
}
