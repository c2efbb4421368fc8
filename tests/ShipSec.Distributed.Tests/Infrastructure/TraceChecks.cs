using System.Text.Json.Nodes;
using NUnit.Framework;

namespace ShipSec.Distributed.Tests.Infrastructure;

/// <summary>What every correct trace of a finished run shows, asserted with messages that name the run.</summary>
public static class TraceChecks
{
    /// <summary>
    /// Sequences 1..n without gaps, every event id once, exactly one NODE_COMPLETED for each of <paramref name="nodeIds"/>
    /// and for nothing else, and WORKFLOW_STATUS COMPLETED as the run's last status event.
    /// </summary>
    public static void AssertCompletedTrace(string runId, IReadOnlyList<JsonNode> events, IReadOnlyCollection<string> nodeIds)
    {
        Assert.That(events.Select(e => (long)e["sequence"]!), Is.EqualTo(Enumerable.Range(1, events.Count).Select(i => (long)i)),
            $"run {runId}: sequences are not 1..{events.Count}");
        Assert.That(events.Select(e => (string)e["id"]!), Is.Unique, $"run {runId}: an event id appears twice");
        var completed = events.Where(e => (string?)e["type"] == "NODE_COMPLETED").Select(e => (string)e["nodeId"]!).ToList();
        Assert.That(completed, Is.EquivalentTo(nodeIds), $"run {runId}: NODE_COMPLETED is not exactly once per node");
        var statuses = events.Where(e => (string?)e["type"] == "WORKFLOW_STATUS").Select(e => (string?)e["data"]!["status"]).ToList();
        Assert.That(statuses, Is.EqualTo(new[] { "QUEUED", "RUNNING", "COMPLETED" }), $"run {runId}: unexpected status events");
    }

    /// <summary>The node ids of a graph built by <see cref="Graphs"/>.</summary>
    public static IReadOnlyList<string> NodeIds(JsonObject graph) => graph["nodes"]!.AsArray().Select(n => (string)n!["id"]!).ToList();

    /// <summary>The worker named in each NODE_STARTED event, by node and attempt.</summary>
    public static IReadOnlyList<(string NodeId, int Attempt, string? Worker)> Starts(IEnumerable<JsonNode> events) =>
        events.Where(e => (string?)e["type"] == "NODE_STARTED")
            .Select(e => ((string)e["nodeId"]!, (int)e["attempt"]!, (string?)e["data"]?["worker"]))
            .ToList();
}
