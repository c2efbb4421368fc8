using NUnit.Framework;
using ShipSec.Contracts.Runs;

namespace ShipSec.Contracts.Tests;

public class RunStatusJsonTests
{
    [TestCase(RunStatus.Queued, "QUEUED")]
    [TestCase(RunStatus.Running, "RUNNING")]
    [TestCase(RunStatus.Completed, "COMPLETED")]
    [TestCase(RunStatus.Failed, "FAILED")]
    [TestCase(RunStatus.Cancelled, "CANCELLED")]
    [TestCase(RunStatus.TimedOut, "TIMED_OUT")]
    [TestCase(RunStatus.AwaitingInput, "AWAITING_INPUT")]
    public void Run_statuses_are_spelled_as_in_the_contract(RunStatus status, string wire)
    {
        Assert.Multiple(() =>
        {
            Assert.That(ContractJson.Write(status), Is.EqualTo($"\"{wire}\""));
            Assert.That(ContractJson.Read<RunStatus>($"\"{wire}\""), Is.EqualTo(status));
            Assert.That(status.ToWire(), Is.EqualTo(wire));
        });
    }

    [Test]
    public void Only_finished_statuses_are_terminal()
    {
        var terminal = Enum.GetValues<RunStatus>().Where(s => s.IsTerminal());

        Assert.That(terminal, Is.EquivalentTo(new[] { RunStatus.Completed, RunStatus.Failed, RunStatus.Cancelled, RunStatus.TimedOut }));
    }

    [Test]
    public void Failed_run_status_survives_a_round_trip()
    {
        var status = ContractJson.RoundTrip<WorkflowRunStatus>("""
        {
          "runId": "shipsec-run-4f1c2b9e-8d7a-4c3b-9e2f-1a0b9c8d7e6f",
          "workflowId": "9a3f6f0e-2b1c-4d5e-8f70-1a2b3c4d5e6f",
          "workflowVersion": 4,
          "status": "FAILED",
          "startedAt": "2025-03-01T10:00:00+00:00",
          "updatedAt": "2025-03-01T10:02:30.5+00:00",
          "completedAt": "2025-03-01T10:02:30.5+00:00",
          "progress": { "completedActions": 3, "totalActions": 6 },
          "failure": { "reason": "Node naabu failed: ContainerError", "nodeId": "naabu", "details": { "exitCode": 2 } }
        }
        """);

        Assert.Multiple(() =>
        {
            Assert.That(status.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(status.Progress, Is.EqualTo(new RunProgress(3, 6)));
            Assert.That(status.Failure!.Details!.Value.GetProperty("exitCode").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public void Running_status_leaves_out_completion_and_failure()
    {
        var json = ContractJson.Write(new WorkflowRunStatus
        {
            RunId = "r1", WorkflowId = "w1", WorkflowVersion = 1, Status = RunStatus.Running,
            StartedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Progress = new(0, 2),
        });

        Assert.That(json, Does.Contain("\"status\":\"RUNNING\"").And.Not.Contain("completedAt").And.Not.Contain("failure"));
    }

    [Test]
    public void Timestamps_written_with_a_Z_suffix_are_read_as_UTC()
    {
        var status = ContractJson.Read<WorkflowRunStatus>("""
            { "runId": "r", "workflowId": "w", "workflowVersion": 1, "status": "QUEUED",
              "startedAt": "2025-03-01T10:00:00.123Z", "updatedAt": "2025-03-01T10:00:00.123Z", "progress": { "completedActions": 0, "totalActions": 1 } }
            """);

        Assert.That(status.StartedAt, Is.EqualTo(new DateTimeOffset(2025, 3, 1, 10, 0, 0, 123, TimeSpan.Zero)));
    }
}
