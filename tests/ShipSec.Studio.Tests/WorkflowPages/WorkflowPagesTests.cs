using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using ShipSec.Studio.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ShipSec.Studio.Tests.WorkflowPages;

/// <summary>The workflow list, a workflow's page with its run form and its runs.</summary>
public sealed class WorkflowPagesTests : StudioTest
{
    [Test]
    public async Task Workflow_list_opens_a_workflow_with_its_runs()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("listed workflow", steps: 1, delayMs: 0));
        var runId = await Api.StartRunAsync(workflowId);
        await Api.WaitForEndAsync(runId);
        await OpenAsync("#/workflows");

        await Page.Locator("#workflow-list").GetByRole(AriaRole.Link, new() { Name = "listed workflow" }).ClickAsync();

        await Expect(Page.Locator("#workflow-name")).ToHaveTextAsync("listed workflow");
        var row = Page.Locator($"#run-list tr[data-run-id='{runId}']");
        await Expect(row).ToContainTextAsync("completed");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"#/runs/{Regex.Escape(runId)}$"));
        await Expect(GraphNode("report")).ToHaveAttributeAsync("data-status", "succeeded");
    }

    [Test]
    public async Task Runs_page_lists_runs_of_every_workflow_and_filters_by_status()
    {
        var completed = await Api.StartRunAsync(await Api.CreateWorkflowAsync(Workflows.ProgressReport("runs page ok", steps: 1, delayMs: 0)));
        var failed = await Api.StartRunAsync(await Api.CreateWorkflowAsync(Workflows.Failing("runs page failing")));
        await Api.WaitForEndAsync(completed);
        await Api.WaitForEndAsync(failed);
        await OpenAsync("#/runs");
        await Expect(Page.Locator($"#run-list tr[data-run-id='{completed}']")).ToContainTextAsync("runs page ok");
        await Expect(Page.Locator($"#run-list tr[data-run-id='{failed}']")).ToContainTextAsync("failed");

        await Page.Locator("#run-status-filter").SelectOptionAsync("FAILED");

        await Expect(Page.Locator($"#run-list tr[data-run-id='{completed}']")).ToHaveCountAsync(0);
        await Expect(Page.Locator($"#run-list tr[data-run-id='{failed}']")).ToContainTextAsync("runs page failing");
    }

    [Test]
    public async Task Run_form_shows_the_servers_error_for_a_missing_required_input_and_runs_with_it_given()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.SplitTargets("needs targets"));
        await OpenAsync($"#/workflows/{workflowId}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();

        await Expect(Page.Locator("[data-error-for='targets']")).ToContainTextAsync("targets");
        await Expect(Page).ToHaveURLAsync(new Regex($"#/workflows/{Regex.Escape(workflowId)}$"));

        await Page.GetByLabel("Targets").FillAsync("one.example\ntwo.example");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("#/runs/[^/]+$"));
        await Expect(GraphNode("split")).ToHaveAttributeAsync("data-status", "succeeded");
        var runId = Regex.Match(Page.Url, "#/runs/(.+)$").Groups[1].Value;
        var node = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/split");
        Assert.That(node.ToJsonString(), Does.Contain("two.example"));
    }
}
