using System.Text.Json;
using NUnit.Framework;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Replay;

namespace ShipSec.Trace.Tests.Replay;

/// <summary>The fold behind replay: a node's state, progress, logs, artifacts and errors, and the run's status, from trace events alone.</summary>
public sealed class TraceFoldTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private long _sequence;

    [SetUp]
    public void StartAtTheFirstSequence() => _sequence = 0;

    [Test]
    public void Before_any_event_every_node_is_idle_and_the_run_queued()
    {
        var fold = new TraceFold([("start", "core.workflow.entrypoint"), ("scan", "network.nmap")], lastLogLines: 5);

        var state = Snapshot(fold);

        Assert.That(state.Status, Is.EqualTo(RunStatus.Queued));
        Assert.That(state.Cursor, Is.EqualTo(0));
        Assert.That(state.Nodes.Select(n => (n.NodeId, n.ComponentId, n.Status)), Is.EqualTo(new[]
        {
            ("start", "core.workflow.entrypoint", NodeReplayStatus.Idle),
            ("scan", "network.nmap", NodeReplayStatus.Idle),
        }));
        Assert.That(state.Progress, Is.EqualTo(new RunProgress(0, 2)));
    }

    [Test]
    public void A_running_node_shows_its_latest_progress_its_last_log_lines_and_its_artifacts()
    {
        var fold = new TraceFold([("scan", "network.nmap")], lastLogLines: 3);

        Apply(fold, Started("scan", 1));
        for (var i = 1; i <= 7; i++) Apply(fold, Log("scan", $"line {i}"));
        Apply(fold, Progress("scan", 40, 127, "scanned 40/127"));
        Apply(fold, Progress("scan", 89, 127, "scanned 89/127"));
        Apply(fold, Artifact("scan", "a-1", "nmap.xml"));
        var scan = Snapshot(fold).Nodes.Single();

        Assert.That(scan.Status, Is.EqualTo(NodeReplayStatus.Running));
        Assert.That(scan.Attempt, Is.EqualTo(1));
        Assert.That(scan.LogLines, Is.EqualTo(7));
        Assert.That(scan.LastLogs.Select(l => l.Line), Is.EqualTo(new[] { "line 5", "line 6", "line 7" }));
        Assert.That(scan.Progress, Is.Not.Null);
        Assert.That((scan.Progress!.Current, scan.Progress.Total, scan.Progress.Message), Is.EqualTo((89L, 127L, "scanned 89/127")));
        Assert.That(scan.Artifacts.Select(a => (a.ArtifactId, a.Name)), Is.EqualTo(new[] { ("a-1", "nmap.xml") }));
        Assert.That(scan.CompletedAt, Is.Null);
    }

    [Test]
    public void A_failed_attempt_that_will_be_retried_shows_retrying_then_the_next_attempt_runs_and_succeeds()
    {
        var fold = new TraceFold([("probe", "web.http.probe")], lastLogLines: 0);

        Apply(fold, Started("probe", 1));
        Apply(fold, Failed("probe", 1, "NetworkError", willRetry: true));
        var retrying = Snapshot(fold).Nodes.Single();
        Apply(fold, Started("probe", 2));
        var running = Snapshot(fold).Nodes.Single();
        Apply(fold, Completed("probe", 2, durationMs: 1234, new { hosts = "array[3]" }));
        var done = Snapshot(fold).Nodes.Single();

        Assert.That((retrying.Status, retrying.Error?.Type), Is.EqualTo((NodeReplayStatus.Retrying, "NetworkError")));
        Assert.That((running.Status, running.Attempt, running.Error), Is.EqualTo((NodeReplayStatus.Running, 2, (NodeError?)null)));
        Assert.That((done.Status, done.DurationMs, done.Error), Is.EqualTo((NodeReplayStatus.Succeeded, 1234L, (NodeError?)null)));
        Assert.That(done.OutputSummary?.GetRawText(), Is.EqualTo("""{"hosts":"array[3]"}"""));
        Assert.That(done.CompletedAt, Is.Not.Null);
    }

    [Test]
    public void A_final_failure_a_cancellation_and_a_skip_each_show_as_such()
    {
        var fold = new TraceFold([("bad", "test.fail"), ("slow", "test.sleep"), ("after", "core.report.markdown")], lastLogLines: 0);

        Apply(fold, Started("bad", 1));
        Apply(fold, Started("slow", 1));
        Apply(fold, Failed("bad", 1, "ValidationError", willRetry: false));
        Apply(fold, Failed("slow", 1, NodeErrorTypes.Cancelled, willRetry: false));
        Apply(fold, Skipped("after", "an upstream node failed"));
        var nodes = Snapshot(fold).Nodes.ToDictionary(n => n.NodeId);

        Assert.That((nodes["bad"].Status, nodes["bad"].Error?.Type), Is.EqualTo((NodeReplayStatus.Failed, "ValidationError")));
        Assert.That(nodes["slow"].Status, Is.EqualTo(NodeReplayStatus.Cancelled));
        Assert.That((nodes["after"].Status, nodes["after"].SkipReason), Is.EqualTo((NodeReplayStatus.Skipped, "an upstream node failed")));
    }

    [Test]
    public void The_run_takes_its_status_times_and_failure_from_workflow_status_events_and_counts_succeeded_nodes()
    {
        var fold = new TraceFold([("start", "core.workflow.entrypoint"), ("bad", "test.fail")], lastLogLines: 0);

        Apply(fold, Status("RUNNING", failure: null));
        var running = Snapshot(fold);
        Apply(fold, Started("start", 1));
        Apply(fold, Completed("start", 1, durationMs: 1, new { }));
        Apply(fold, Started("bad", 1));
        Apply(fold, Failed("bad", 1, "ValidationError", willRetry: false));
        Apply(fold, Status("FAILED", new RunFailure { Reason = "bad failed", NodeId = "bad" }));
        var failed = Snapshot(fold);

        Assert.That((running.Status, running.StartedAt, running.CompletedAt), Is.EqualTo((RunStatus.Running, (DateTimeOffset?)T0.AddSeconds(1), (DateTimeOffset?)null)));
        Assert.That(failed.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(failed.CompletedAt, Is.EqualTo(T0.AddSeconds(_sequence)));
        Assert.That((failed.Failure?.Reason, failed.Failure?.NodeId), Is.EqualTo(("bad failed", "bad")));
        Assert.That(failed.Progress, Is.EqualTo(new RunProgress(1, 2)));
        Assert.That((failed.Cursor, failed.Events), Is.EqualTo((_sequence, _sequence)));
    }

    private static RunReplayState Snapshot(TraceFold fold) => fold.Snapshot("run-1", "wf-1", 1, null);

    private static void Apply(TraceFold fold, TraceEvent e) => fold.Apply(e);

    private TraceEvent Event(string? nodeId, TraceEventType type, object data, int? attempt = null, TraceLevel level = TraceLevel.Info)
    {
        _sequence++;
        return new TraceEvent
        {
            Id = $"run-1/{_sequence}",
            RunId = "run-1",
            WorkflowId = "wf-1",
            NodeId = nodeId,
            Sequence = _sequence,
            Type = type,
            Level = level,
            Timestamp = T0.AddSeconds(_sequence),
            Attempt = attempt,
            Data = JsonSerializer.SerializeToElement(data, ShipSecJson.Options),
        };
    }

    private TraceEvent Started(string node, int attempt) =>
        Event(node, TraceEventType.NodeStarted, new { componentId = "", attempt, inputsSummary = new { } }, attempt);

    private TraceEvent Log(string node, string line) => Event(node, TraceEventType.NodeLog, new { stream = "stdout", line });

    private TraceEvent Progress(string node, long current, long total, string message) =>
        Event(node, TraceEventType.NodeProgress, new { current, total, unit = "hosts", message });

    private TraceEvent Artifact(string node, string artifactId, string name) =>
        Event(node, TraceEventType.NodeArtifact, new { artifactId, name, contentType = "application/xml", size = 10, sha256 = "ab" });

    private TraceEvent Completed(string node, int attempt, long durationMs, object outputSummary) =>
        Event(node, TraceEventType.NodeCompleted, new { durationMs, outputSummary }, attempt);

    private TraceEvent Failed(string node, int attempt, string type, bool willRetry) =>
        Event(node, TraceEventType.NodeFailed, new { error = new NodeError { Type = type, Message = $"{type} happened" }, attempt, willRetry }, attempt, TraceLevel.Error);

    private TraceEvent Skipped(string node, string reason) => Event(node, TraceEventType.NodeSkipped, new { reason });

    private TraceEvent Status(string status, RunFailure? failure) => Event(null, TraceEventType.WorkflowStatus, new { status, failure });
}
