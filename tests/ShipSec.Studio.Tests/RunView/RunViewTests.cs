using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using ShipSec.Studio.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ShipSec.Studio.Tests.RunView;

/// <summary>The run view: nodes coloured live from the SSE trace, logs, progress, artifacts, failure and cancel.</summary>
public sealed partial class RunViewTests : StudioTest
{
    [Test]
    public async Task Run_started_from_the_workflow_page_shows_nodes_running_then_succeeded_with_live_logs_progress_and_artifact()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("live run", steps: 8, delayMs: 400));
        await OpenAsync($"#/workflows/{workflowId}");
        await Expect(Page.Locator("#workflow-name")).ToHaveTextAsync("live run");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(RunUrl());
        await Expect(GraphNode("prog")).ToHaveAttributeAsync("data-status", "running");
        await Expect(GraphNode("prog").Locator(".node-progress-text")).ToContainTextAsync("/8");
        await Expect(Page.Locator("#log-lines")).ToContainTextAsync("step 1 of 8");
        foreach (var node in new[] { "start", "prog", "report" })
            await Expect(GraphNode(node)).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(Page.Locator("#run-status")).ToHaveTextAsync("completed");
        await Expect(Page.Locator("#log-lines")).ToContainTextAsync("step 8 of 8");
        await Expect(Page.Locator("#cancel-run")).ToBeDisabledAsync();

        await GraphNode("prog").ClickAsync();
        await Expect(Page.Locator("#node-detail .progress")).ToContainTextAsync("step 8/8");
        await Expect(Page.Locator("#node-detail progress")).ToHaveAttributeAsync("value", "1");

        var link = Page.Locator("#artifacts a", new() { HasText = "report.md" });
        await Expect(link).ToHaveAttributeAsync("href", new Regex("/artifacts/[^/]+/download$"));
        var download = await Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo("report.md"));
        Assert.That(await File.ReadAllTextAsync(await download.PathAsync()), Does.StartWith("# Studio report"));
    }

    [Test]
    public async Task Log_panel_shows_only_the_selected_nodes_lines()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("log filter", steps: 3, delayMs: 0));
        var runId = await Api.StartRunAsync(workflowId);
        await Api.WaitForEndAsync(runId);
        await OpenAsync($"#/runs/{runId}");
        await Expect(Page.Locator("#log-lines")).ToContainTextAsync("step 3 of 3");

        await Page.Locator("#log-filter").SelectOptionAsync("start");

        await Expect(Page.Locator("#log-lines")).ToContainTextAsync("run inputs: title");
        await Expect(Page.Locator("#log-lines")).Not.ToContainTextAsync("step 1 of 3");
        await Expect(GraphNode("start")).ToHaveClassAsync(new Regex("node--selected"));
    }

    [Test]
    public async Task Failing_node_is_shown_failed_with_its_error_and_the_run_failure()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.Failing("failing"));
        var runId = await Api.StartRunAsync(workflowId);

        await OpenAsync($"#/runs/{runId}");

        await Expect(GraphNode("fail")).ToHaveAttributeAsync("data-status", "failed");
        await Expect(GraphNode("start")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(Page.Locator("#run-status")).ToHaveTextAsync("failed");
        await Expect(Page.Locator("#run-failure")).ToContainTextAsync("fail");
        await GraphNode("fail").ClickAsync();
        await Expect(Page.Locator("#node-detail .error-text")).Not.ToBeEmptyAsync();
    }

    [Test]
    public async Task Cancel_button_cancels_a_running_run()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.Sleeping("long sleep", durationMs: 120_000));
        var runId = await Api.StartRunAsync(workflowId);
        await OpenAsync($"#/runs/{runId}");
        await Expect(GraphNode("sleep")).ToHaveAttributeAsync("data-status", "running");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" }).ClickAsync();

        await Expect(Page.Locator("#run-status")).ToHaveTextAsync("cancelled");
        await Expect(GraphNode("sleep")).Not.ToHaveAttributeAsync("data-status", "running");
        Assert.That(await Api.WaitForEndAsync(runId), Is.EqualTo("CANCELLED"));
    }

    [GeneratedRegex("#/runs/[^/]+$")]
    private static partial Regex RunUrl();
}
