using NUnit.Framework;
using ShipSec.Contracts.Trace;

namespace ShipSec.Contracts.Tests;

public class TraceEventJsonTests
{
    [TestCase(TraceEventType.NodeStarted, "NODE_STARTED")]
    [TestCase(TraceEventType.NodeLog, "NODE_LOG")]
    [TestCase(TraceEventType.NodeProgress, "NODE_PROGRESS")]
    [TestCase(TraceEventType.NodeArtifact, "NODE_ARTIFACT")]
    [TestCase(TraceEventType.NodeCompleted, "NODE_COMPLETED")]
    [TestCase(TraceEventType.NodeFailed, "NODE_FAILED")]
    [TestCase(TraceEventType.NodeSkipped, "NODE_SKIPPED")]
    [TestCase(TraceEventType.WorkflowStatus, "WORKFLOW_STATUS")]
    public void Event_types_are_spelled_as_in_the_contract(TraceEventType type, string wire)
    {
        Assert.That(ContractJson.Write(type), Is.EqualTo($"\"{wire}\""));
        Assert.That(ContractJson.Read<TraceEventType>($"\"{wire}\""), Is.EqualTo(type));
    }

    [TestCase(TraceLevel.Debug, "debug")]
    [TestCase(TraceLevel.Info, "info")]
    [TestCase(TraceLevel.Warn, "warn")]
    [TestCase(TraceLevel.Error, "error")]
    public void Levels_are_spelled_as_in_the_contract(TraceLevel level, string wire)
    {
        Assert.That(ContractJson.Write(level), Is.EqualTo($"\"{wire}\""));
        Assert.That(ContractJson.Read<TraceLevel>($"\"{wire}\""), Is.EqualTo(level));
    }

    [Test]
    public void Node_failed_event_survives_a_round_trip()
    {
        var trace = ContractJson.RoundTrip<TraceEvent>("""
        {
          "id": "run-1:naabu:2:failed",
          "runId": "run-1",
          "workflowId": "wf-1",
          "nodeId": "naabu",
          "sequence": 17,
          "type": "NODE_FAILED",
          "level": "error",
          "timestamp": "2025-03-01T10:02:30.125+00:00",
          "attempt": 2,
          "message": "naabu exited with code 2",
          "data": { "error": { "type": "ContainerError", "message": "exit code 2", "retryable": false, "details": { "stderr": "bad ports" } },
                    "attempt": 2, "willRetry": false }
        }
        """);

        Assert.Multiple(() =>
        {
            Assert.That((trace.Type, trace.Level, trace.Sequence), Is.EqualTo((TraceEventType.NodeFailed, TraceLevel.Error, 17L)));
            Assert.That(trace.Data!.Value.GetProperty("willRetry").GetBoolean(), Is.False);
        });
    }

    [Test]
    public void Workflow_status_event_without_a_node_survives_a_round_trip()
    {
        var trace = ContractJson.RoundTrip<TraceEvent>("""
        {
          "id": "run-1:status:2", "runId": "run-1", "workflowId": "wf-1", "sequence": 2,
          "type": "WORKFLOW_STATUS", "level": "info", "timestamp": "2025-03-01T10:00:00+00:00",
          "data": { "status": "RUNNING" }
        }
        """);

        Assert.That(trace.NodeId, Is.Null);
    }
}
