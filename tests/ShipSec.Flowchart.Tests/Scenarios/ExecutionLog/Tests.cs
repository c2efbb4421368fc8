using System.Text.Json;
using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Pipeline;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.ExecutionLog;

public class Tests
{
    private sealed class CollectingLog : IExecutionLog
    {
        public List<TraceEvent> Events { get; } = [];
        public void Append(TraceEvent traceEvent) => Events.Add(traceEvent);
    }

    private static NodeExecutionContext Context(CollectingLog log, int attempt = 1, RetryPolicy? policy = null,
        Dictionary<string, JsonElement>? inputs = null, CancellationToken cancellationToken = default,
        int? timeoutSeconds = null, TimeProvider? clock = null) => new()
    {
        RunId = "run-1",
        WorkflowId = "wf-1",
        NodeId = "scan",
        ComponentId = "shipsec.subfinder",
        Attempt = attempt,
        Inputs = inputs ?? Json.Map(new { domain = "shipsec.ai" }),
        RetryPolicy = policy ?? new RetryPolicy { MaxAttempts = 3 },
        Log = log,
        CancellationToken = cancellationToken,
        TimeoutSeconds = timeoutSeconds,
        Clock = clock ?? TimeProvider.System,
    };

    [Test]
    public async Task Successful_attempt_is_logged_as_started_then_completed_with_deterministic_ids()
    {
        var log = new CollectingLog();
        var pipeline = NodeExecutionPipeline.CreateDefault(c =>
        {
            c.Succeed(Json.Map(new { subdomains = new[] { "a", "b", "c" } }), ["found"]);
            return Task.CompletedTask;
        });

        var outcome = await pipeline.ExecuteAsync(Context(log, attempt: 2));

        Assert.That(outcome, Is.TypeOf<NodeOutcome.Succeeded>());
        Assert.That(log.Events.Select(e => (e.Id, e.Type)), Is.EqualTo(new[]
        {
            ("run-1/scan/2/started", TraceEventType.NodeStarted),
            ("run-1/scan/2/completed", TraceEventType.NodeCompleted),
        }));
        var started = log.Events[0].Data!.Value;
        Assert.That(started.GetProperty("componentId").GetString(), Is.EqualTo("shipsec.subfinder"));
        Assert.That(started.GetProperty("attempt").GetInt32(), Is.EqualTo(2));
        Assert.That(started.GetProperty("inputsSummary").GetProperty("domain").GetString(), Is.EqualTo("shipsec.ai"));
        var completed = log.Events[1].Data!.Value;
        Assert.That(completed.GetProperty("durationMs").GetInt64(), Is.GreaterThanOrEqualTo(0));
        Assert.That(completed.GetProperty("outputSummary").GetProperty("subdomains").GetString(), Is.EqualTo("array[3]"));
        Assert.That(completed.GetProperty("activatedPorts")[0].GetString(), Is.EqualTo("found"));
        Assert.That(log.Events.Select(e => (e.RunId, e.WorkflowId, e.NodeId, e.Attempt)), Is.All.EqualTo(("run-1", "wf-1", "scan", (int?)2)));
    }

    [Test]
    public async Task Typed_failure_is_logged_with_its_error_and_whether_it_will_be_retried()
    {
        var log = new CollectingLog();
        var pipeline = NodeExecutionPipeline.CreateDefault(_ => throw new NodeFailureException(Errors.Network));

        var outcome = await pipeline.ExecuteAsync(Context(log, attempt: 1));

        Assert.That(outcome, Is.EqualTo(new NodeOutcome.Failed(Errors.Network, WillRetry: true)));
        var failed = log.Events.Single(e => e.Type == TraceEventType.NodeFailed);
        Assert.That(failed.Id, Is.EqualTo("run-1/scan/1/failed"));
        Assert.That(failed.Level, Is.EqualTo(TraceLevel.Error));
        var data = failed.Data!.Value;
        Assert.That(data.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo(NodeErrorTypes.Network));
        Assert.That(data.GetProperty("error").GetProperty("retryable").GetBoolean(), Is.True);
        Assert.That(data.GetProperty("attempt").GetInt32(), Is.EqualTo(1));
        Assert.That(data.GetProperty("willRetry").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Last_attempt_failure_says_it_will_not_be_retried()
    {
        var pipeline = NodeExecutionPipeline.CreateDefault(_ => throw new NodeFailureException(Errors.Network));

        var outcome = await pipeline.ExecuteAsync(Context(new CollectingLog(), attempt: 3));

        Assert.That(((NodeOutcome.Failed)outcome).WillRetry, Is.False);
    }

    [Test]
    public async Task Unexpected_exception_becomes_a_retryable_internal_error_carrying_only_its_message()
    {
        var pipeline = NodeExecutionPipeline.CreateDefault(_ => throw new InvalidOperationException("parser choked on line 3"));

        var outcome = (NodeOutcome.Failed)await pipeline.ExecuteAsync(Context(new CollectingLog()));

        Assert.That(outcome.Error.Type, Is.EqualTo(NodeErrorTypes.Internal));
        Assert.That(outcome.Error.Retryable, Is.True);
        Assert.That(outcome.Error.Message, Is.EqualTo("parser choked on line 3"));
    }

    [Test]
    public async Task Cancelled_attempt_fails_with_a_non_retryable_cancelled_error()
    {
        using var cancellation = new CancellationTokenSource();
        var pipeline = NodeExecutionPipeline.CreateDefault(async c =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, c.CancellationToken);
        });

        var outcome = (NodeOutcome.Failed)await pipeline.ExecuteAsync(Context(new CollectingLog(), cancellationToken: cancellation.Token));

        Assert.That(outcome.Error.Type, Is.EqualTo(NodeErrorTypes.Cancelled));
        Assert.That(outcome.Error.Retryable, Is.False);
        Assert.That(outcome.WillRetry, Is.False);
    }

    [Test]
    public async Task Terminal_that_sets_no_outcome_fails_the_attempt()
    {
        var pipeline = NodeExecutionPipeline.CreateDefault(_ => Task.CompletedTask);

        var outcome = (NodeOutcome.Failed)await pipeline.ExecuteAsync(Context(new CollectingLog()));

        Assert.That(outcome.Error.Type, Is.EqualTo(NodeErrorTypes.Internal));
    }

    [Test]
    public async Task Long_values_are_summarised_not_copied()
    {
        var log = new CollectingLog();
        var longText = new string('x', 5000);
        var pipeline = NodeExecutionPipeline.CreateDefault(c =>
        {
            c.Succeed(Json.Map(new { report = longText, hosts = new { a = 1, b = 2 }, count = 7 }));
            return Task.CompletedTask;
        });

        await pipeline.ExecuteAsync(Context(log, inputs: Json.Map(new { blob = longText })));

        var inputs = log.Events[0].Data!.Value.GetProperty("inputsSummary");
        Assert.That(inputs.GetProperty("blob").GetString()!.Length, Is.LessThan(ValueSummary.MaxTextLength + 30));
        var outputs = log.Events[1].Data!.Value.GetProperty("outputSummary");
        Assert.That(outputs.GetProperty("report").GetString(), Does.StartWith("xxxx").And.EndWith("(5000 chars)"));
        Assert.That(outputs.GetProperty("hosts").GetString(), Is.EqualTo("object{2 keys}"));
        Assert.That(outputs.GetProperty("count").GetInt32(), Is.EqualTo(7));
    }

    [Test]
    public async Task Middlewares_wrap_the_terminal_in_the_order_they_were_added()
    {
        var calls = new List<string>();
        var pipeline = new NodeExecutionPipelineBuilder()
            .Use(async (c, next) => { calls.Add("outer in"); await next(c); calls.Add("outer out"); })
            .Use(async (c, next) => { calls.Add("inner in"); await next(c); calls.Add("inner out"); })
            .Build(c => { calls.Add("terminal"); c.Succeed(new Dictionary<string, JsonElement>()); return Task.CompletedTask; });

        await pipeline.ExecuteAsync(Context(new CollectingLog()));

        Assert.That(calls, Is.EqualTo(new[] { "outer in", "inner in", "terminal", "inner out", "outer out" }));
    }

    [Test]
    public async Task Node_timeout_fires_on_the_context_clock_and_reports_a_timeout_error()
    {
        var log = new CollectingLog();
        var pipeline = NodeExecutionPipeline.CreateDefault(c => Task.Delay(TimeSpan.FromMinutes(10), c.Clock, c.CancellationToken));

        var outcome = (NodeOutcome.Failed)await pipeline.ExecuteAsync(Context(log, timeoutSeconds: 2, clock: new AcceleratedClock(speed: 100)));

        Assert.That(outcome.Error.Type, Is.EqualTo(NodeErrorTypes.Timeout));
        Assert.That(outcome.Error.Message, Does.Contain("2 s"));
        Assert.That(outcome.Error.Retryable, Is.True);
    }
}
