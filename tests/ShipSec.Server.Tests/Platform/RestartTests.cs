using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.Model;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Workflows;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Server.Tests.Platform;

/// <summary>What a restarted server does with the runs a previous process left behind.</summary>
public sealed class RestartTests
{
    private string _dataPath = null!;

    [SetUp]
    public void NewDataPath() => _dataPath = ShipSecServerFactory.NewDataPath();

    [TearDown]
    public void DeleteDataPath() => ShipSecServerFactory.DeleteDataPath(_dataPath);

    [Test]
    public async Task A_run_left_queued_is_started_when_the_server_starts_again()
    {
        string workflowId, runId = "shipsec-run-left-queued";
        using (var first = new ShipSecServerFactory(dataPath: _dataPath))
        {
            var api = new ApiClient(first.CreateClient());
            workflowId = await api.CreateWorkflowAsync(SplitThenProgress(steps: 2));
            // The process "crashed" between committing the run and publishing its StartRun: only the row exists.
            await CreateQueuedRunAsync(first.Services, workflowId, runId);
            Assert.That((string?)(await api.StatusAsync(runId))["status"], Is.EqualTo("QUEUED"));
        }

        using var second = new ShipSecServerFactory(dataPath: _dataPath);
        var restarted = new ApiClient(second.CreateClient());
        var status = await restarted.WaitForStatusAsync(runId, "COMPLETED");

        Assert.That((int)status["progress"]!["completedActions"]!, Is.EqualTo(3));
        Assert.That((await restarted.RunsAsync(workflowId)).Select(r => (string?)r!["id"]), Is.EqualTo(new[] { runId }));
    }

    private static async Task CreateQueuedRunAsync(IServiceProvider services, string workflowId, string runId)
    {
        await using var scope = services.CreateAsyncScope();
        var definition = await scope.ServiceProvider.GetRequiredService<WorkflowService>().CommitAsync(workflowId, CancellationToken.None);
        var inputs = new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["domains"] = System.Text.Json.JsonSerializer.SerializeToElement("a.example"),
        };
        var decision = new FlowchartEngine().CreateRun(CompiledFlowchart.From(definition), runId, workflowId, inputs, DateTimeOffset.UtcNow);
        var created = await scope.ServiceProvider.GetRequiredService<IRunStore>()
            .TryCreateAsync(new NewRun(runId, workflowId, definition.Version, definition, decision.State, null), CancellationToken.None);
        Assert.That(created, Is.True);
    }
}
