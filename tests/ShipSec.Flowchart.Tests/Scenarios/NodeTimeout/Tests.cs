using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.NodeTimeout;

public class Tests
{
    [Test]
    public async Task Node_exceeding_its_timeout_fails_with_a_retryable_timeout_error()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("hang", timeoutSeconds: 1).Edge("start", "hang")
            .Build();
        var harness = new FlowchartHarness(definition) { Clock = new AcceleratedClock(speed: 50) }
            .With("hang", new ScriptedComponent { DelayMs = 600_000 });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.State.Failure!.NodeId, Is.EqualTo("hang"));
        var error = HarnessRun.Data(run.Single("hang", TraceEventType.NodeFailed)).GetProperty("error");
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo(NodeErrorTypes.Timeout));
        Assert.That(error.GetProperty("retryable").GetBoolean(), Is.True);
        TraceShape.AssertWellFormed(run);
    }

    [Test]
    public async Task Timed_out_attempt_is_retried_when_the_policy_allows()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("slowOnce", timeoutSeconds: 1, retry: new RetryPolicy { MaxAttempts = 2, InitialIntervalSeconds = 0.01 })
            .Edge("start", "slowOnce")
            .Build();
        var harness = new FlowchartHarness(definition) { Clock = new AcceleratedClock(speed: 50) }
            .With("slowOnce", new ScriptedComponent { DelayMs = 600_000, DelayedAttempts = 1 });

        var run = await harness.RunAsync();

        Assert.That(run.State.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.TypesOf("slowOnce"), Is.EqualTo(new[]
        {
            TraceEventType.NodeStarted, TraceEventType.NodeFailed, TraceEventType.NodeStarted, TraceEventType.NodeCompleted,
        }));
        Assert.That(run.FailedErrorType("slowOnce"), Is.EqualTo(NodeErrorTypes.Timeout));
        TraceShape.AssertWellFormed(run);
    }
}
