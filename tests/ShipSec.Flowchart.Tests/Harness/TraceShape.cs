using NUnit.Framework;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;

namespace ShipSec.Flowchart.Tests.Harness;

/// <summary>The structural promises every trace keeps, checked after each harness scenario.</summary>
public static class TraceShape
{
    /// <summary>
    /// Every node's events are SKIPPED alone, or attempts 1..n each STARTED then COMPLETED/FAILED (only the last may succeed,
    /// a retried failure says willRetry); WORKFLOW_STATUS announces QUEUED, RUNNING and the final status, which is the last event.
    /// </summary>
    public static void AssertWellFormed(HarnessRun run)
    {
        Assert.That(run.Trace.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, run.Trace.Count).Select(i => (long)i)), "gap-free sequence");

        foreach (var nodeId in run.State.Nodes.Keys)
            AssertNodeShape(nodeId, run.EventsOf(nodeId).Where(e => e.Type is not (TraceEventType.NodeLog or TraceEventType.NodeProgress)).ToList());

        var statuses = run.Statuses;
        Assert.That(statuses.Take(2), Is.EqualTo(new[] { "QUEUED", "RUNNING" }), "run status history");
        Assert.That(statuses[^1], Is.EqualTo(run.State.Status.ToWire()), "final WORKFLOW_STATUS");
        Assert.That(statuses, Is.Unique, "one WORKFLOW_STATUS per status change");
        Assert.That(run.Trace[^1].Type, Is.EqualTo(TraceEventType.WorkflowStatus), "terminal status is the last event");
    }

    private static void AssertNodeShape(string nodeId, IReadOnlyList<TraceEvent> events)
    {
        if (events.Count == 0)
            return;
        if (events[0].Type == TraceEventType.NodeSkipped)
        {
            Assert.That(events, Has.Count.EqualTo(1), $"{nodeId}: a skipped node has no other event");
            return;
        }

        Assert.That(events.Count % 2, Is.Zero, $"{nodeId}: every STARTED has an end: {string.Join(", ", events.Select(e => e.Type))}");
        for (var i = 0; i < events.Count; i += 2)
        {
            var attempt = i / 2 + 1;
            var (started, ended) = (events[i], events[i + 1]);
            Assert.That(started.Type, Is.EqualTo(TraceEventType.NodeStarted), $"{nodeId} attempt {attempt} starts");
            Assert.That(ended.Type, Is.AnyOf(TraceEventType.NodeCompleted, TraceEventType.NodeFailed), $"{nodeId} attempt {attempt} ends");
            Assert.That((started.Attempt, ended.Attempt), Is.EqualTo((attempt, attempt)), $"{nodeId} attempt numbers");
            var isLast = i + 2 == events.Count;
            if (!isLast)
                Assert.That(ended.Type == TraceEventType.NodeFailed && HarnessRun.WillRetry(ended), $"{nodeId}: only a retried failure is followed by another attempt");
        }
    }
}
