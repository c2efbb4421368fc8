using System.Text.Json;
using NUnit.Framework;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.State;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.IdempotentResults;

public class Tests
{
    private static readonly ShipSec.Contracts.Definitions.WorkflowDefinition Workflow = new DefinitionBuilder()
        .Entry().Node("a", retry: new ShipSec.Contracts.Graph.RetryPolicy { MaxAttempts = 2, InitialIntervalSeconds = 1 }).Node("b")
        .Edge("start", "a").Edge("a", "b")
        .Build();

    [Test]
    public void Duplicate_success_is_a_no_op()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");

        var duplicate = run.Succeed("start", attempt: 1);

        Assert.That(duplicate.IsNoOp, Is.True);
        Assert.That(duplicate.Commands, Is.Empty);
        Assert.That(run.Node("a").Attempt, Is.EqualTo(1), "a was not dispatched twice");
    }

    [Test]
    public void Result_of_an_earlier_attempt_is_a_no_op()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");
        run.Fail("a", Errors.Network);
        run.Advance(TimeSpan.FromSeconds(1));
        Assert.That(run.Node("a").Attempt, Is.EqualTo(2));

        var stale = run.Succeed("a", attempt: 1);

        Assert.That(stale.IsNoOp, Is.True);
        Assert.That(run.Node("a").Status, Is.EqualTo(NodeStatus.Running));
    }

    [Test]
    public void Duplicate_failure_does_not_consume_another_attempt()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");
        run.Fail("a", Errors.Network);

        var duplicate = run.Fail("a", Errors.Network, attempt: 1);

        Assert.That(duplicate.IsNoOp, Is.True);
        Assert.That(run.State.Timers, Has.Count.EqualTo(1));
    }

    [Test]
    public void Result_for_a_node_that_was_never_dispatched_is_a_no_op()
    {
        var run = PureRun.Start(Workflow);

        Assert.That(run.Succeed("b", attempt: 1).IsNoOp, Is.True);
        Assert.That(run.Succeed("nope", attempt: 1).IsNoOp, Is.True);
    }

    [Test]
    public void Duplicate_started_report_is_a_no_op()
    {
        var run = PureRun.Start(Workflow);
        var first = run.Step(run.Engine.OnNodeStarted(run.Flowchart, run.State, "start", 1, PureRun.T0, "w1"));

        var duplicate = run.Step(run.Engine.OnNodeStarted(run.Flowchart, run.State, "start", 1, PureRun.T0.AddSeconds(1), "w2"));

        Assert.That(first.IsNoOp, Is.False);
        Assert.That(duplicate.IsNoOp, Is.True);
        Assert.That(run.Node("start").CurrentAttempt!.Worker, Is.EqualTo("w1"));
    }

    [Test]
    public void Stale_retry_timer_is_ignored()
    {
        var run = PureRun.Start(Workflow);
        run.State.Timers.Add(new RunTimer(RunTimerKind.Retry, PureRun.T0, "a", 7));

        var decision = run.Advance(TimeSpan.Zero);

        Assert.That(decision.Commands, Is.Empty);
        Assert.That(run.Node("a").Status, Is.EqualTo(NodeStatus.Pending));
        Assert.That(run.State.Timers, Is.Empty);
    }

    [Test]
    public void Finished_run_ignores_every_input()
    {
        var run = PureRun.Start(Workflow);
        run.Cancel("stop");
        run.Fail("start", new NodeError { Type = NodeErrorTypes.Cancelled, Message = "cancelled" });
        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Cancelled));

        Assert.That(run.Succeed("start", attempt: 1).IsNoOp, Is.True);
        Assert.That(run.Cancel("again").IsNoOp, Is.True);
        Assert.That(run.Advance(TimeSpan.FromMinutes(5)).IsNoOp, Is.True);
    }

    [Test]
    public void Engine_never_modifies_the_state_it_is_given()
    {
        var run = PureRun.Start(Workflow);
        var before = run.State;
        var snapshot = JsonSerializer.Serialize(before, ShipSecJson.Options);

        run.Succeed("start");
        run.Fail("a", Errors.Network);

        Assert.That(JsonSerializer.Serialize(before, ShipSecJson.Options), Is.EqualTo(snapshot));
        Assert.That(run.State, Is.Not.SameAs(before));
    }

    [Test]
    public void No_input_modifies_any_earlier_state_of_the_run()
    {
        var run = PureRun.Start(Workflow);
        var earlier = new List<(RunState State, string Json)>();
        void Remember() => earlier.Add((run.State, JsonSerializer.Serialize(run.State, ShipSecJson.Options)));

        Remember();
        run.Step(run.Engine.OnNodeStarted(run.Flowchart, run.State, "start", 1, PureRun.T0, "w1"));
        Remember();
        run.Succeed("start");
        Remember();
        run.Fail("a", Errors.Network);
        Remember();
        run.Advance(TimeSpan.FromSeconds(1));
        Remember();
        run.Step(run.Engine.OnNodeStarted(run.Flowchart, run.State, "a", 2, run.Now, "w1"));
        Remember();
        run.Cancel("stop");
        Remember();
        run.Advance(TimeSpan.FromMinutes(1));

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Cancelled), "the run went through every kind of input");
        Assert.That(earlier.Select(e => JsonSerializer.Serialize(e.State, ShipSecJson.Options)), Is.EqualTo(earlier.Select(e => e.Json)));
    }

    [Test]
    public void State_survives_a_json_round_trip_and_the_run_continues_from_it()
    {
        var run = PureRun.Start(Workflow);
        run.Succeed("start");
        run.Fail("a", Errors.Network);
        var restored = JsonSerializer.Deserialize<RunState>(JsonSerializer.Serialize(run.State, ShipSecJson.Options), ShipSecJson.Options)!;

        var retry = run.Engine.OnTimersDue(run.Flowchart, restored, PureRun.T0.AddSeconds(1));
        var next = run.Engine.OnNodeSucceeded(run.Flowchart, retry.State, "a", 2, Json.Map(new { result = 1 }), null, PureRun.T0.AddSeconds(2));

        Assert.That(retry.Commands.OfType<ShipSec.Flowchart.Engine.DispatchNode>().Single().Attempt, Is.EqualTo(2));
        Assert.That(PureRun.Dispatched(next), Is.EqualTo(new[] { "b" }));
        Assert.That(next.State.Nodes["a"].Attempts.Select(a => a.Error?.Type), Is.EqualTo(new[] { "NetworkError", null }));
    }
}
