using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using ShipSec.Studio.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ShipSec.Studio.Tests.Designer;

/// <summary>The designer: palette, canvas, connections, parameter forms, save, validation errors, compile.</summary>
public sealed partial class DesignerTests : StudioTest
{
    [Test]
    public async Task Designer_opens_a_workflow_saved_through_the_api_with_its_nodes_and_edges()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("api made", steps: 2, delayMs: 0));

        await OpenAsync($"#/designer/{workflowId}");

        await Expect(Page.Locator("#workflow-name-input")).ToHaveValueAsync("api made");
        foreach (var node in new[] { "start", "prog", "report" })
            await Expect(CanvasNode(node)).ToBeVisibleAsync();
        await Expect(Page.Locator("#canvas .edge")).ToHaveCountAsync(3);
        await Expect(Page.Locator("#palette button[data-component-id='test.progress']")).ToBeVisibleAsync();
    }

    [Test]
    public async Task Two_nodes_added_from_the_palette_connected_and_saved_are_in_the_stored_workflow()
    {
        await OpenAsync("#/designer/new");
        await Page.Locator("#workflow-name-input").FillAsync("designed");

        await Page.Locator("#palette button[data-component-id='test.progress']").ClickAsync();
        await Page.Locator("#palette button[data-component-id='core.report.markdown']").ClickAsync();
        await Page.Locator("[data-port='start:out:*']").ClickAsync();
        await Page.Locator("[data-port='progress:in:*']").ClickAsync();
        await Page.Locator("[data-port='progress:out:steps']").ClickAsync();
        await Page.Locator("[data-port='markdown:in:data']").ClickAsync();
        await CanvasNode("progress").Locator(".node-label").ClickAsync();
        await Page.GetByLabel("Steps", new() { Exact = true }).FillAsync("3");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(Page.Locator("#designer-state")).ToHaveTextAsync("version 1 · saved");
        var workflow = await Api.GetOkAsync($"/api/v1/workflows/{WorkflowIdInUrl()}");
        Assert.That((string)workflow["name"]!, Is.EqualTo("designed"));
        var nodes = workflow["nodes"]!.AsArray();
        Assert.That(nodes.Select(n => (string)n!["type"]!), Is.EquivalentTo(new[] { "core.workflow.entrypoint", "test.progress", "core.report.markdown" }));
        Assert.That((int)nodes.Single(n => (string)n!["id"]! == "progress")!["data"]!["config"]!["params"]!["steps"]!, Is.EqualTo(3));
        var edges = workflow["edges"]!.AsArray().Select(e => $"{e!["source"]}.{e["sourceHandle"]}->{e["target"]}.{e["targetHandle"]}");
        Assert.That(edges, Is.EquivalentTo(new[] { "start.->progress.", "progress.steps->markdown.data" }));
    }

    [Test]
    public async Task Dragging_from_an_output_port_to_an_input_port_connects_them()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("wired", steps: 2, delayMs: 0));
        await OpenAsync($"#/designer/{workflowId}");

        await Page.Locator("[data-port='prog:out:steps']").DragToAsync(Page.Locator("[data-port='report:in:dns']"));
        await Expect(Page.Locator("#canvas .edge")).ToHaveCountAsync(4);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(Page.Locator("#designer-state")).ToHaveTextAsync("version 2 · saved");
        var edges = (await Api.GetOkAsync($"/api/v1/workflows/{workflowId}"))["edges"]!.AsArray();
        Assert.That(edges.Select(e => $"{e!["source"]}.{e["sourceHandle"]}->{e["target"]}.{e["targetHandle"]}"),
            Does.Contain("prog.steps->report.dns"));
    }

    [Test]
    public async Task Workflow_designed_with_a_run_input_runs_with_the_value_given_in_the_run_form()
    {
        await OpenAsync("#/designer/new");
        await Page.Locator("#workflow-name-input").FillAsync("designed and run");
        await CanvasNode("start").Locator(".node-label").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add run input" }).ClickAsync();
        await Page.GetByLabel("Id of run input 1").FillAsync("targets");
        await Page.GetByLabel("Id of run input 1").PressAsync("Tab");
        await Page.GetByLabel("Label of run input 1").FillAsync("Targets");
        await Page.GetByLabel("Run input 1 is required").CheckAsync();
        await Page.Locator("#palette button[data-component-id='core.text.split']").ClickAsync();
        await Page.Locator("[data-port='start:out:targets']").DragToAsync(Page.Locator("[data-port='split:in:text']"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#designer-state")).ToHaveTextAsync("version 1 · saved");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Run", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#workflow-name")).ToHaveTextAsync("designed and run");
        await Page.GetByLabel("Targets").FillAsync("a.example\nb.example\nc.example");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();

        await Expect(GraphNode("split")).ToHaveAttributeAsync("data-status", "succeeded");
        await GraphNode("split").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Inputs and outputs" }).ClickAsync();
        await Expect(Page.Locator("#node-io")).ToContainTextAsync("c.example");
    }

    [Test]
    public async Task Dragging_a_node_moves_it_and_saving_stores_the_new_position()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("dragged", steps: 2, delayMs: 0));
        await OpenAsync($"#/designer/{workflowId}");
        var box = (await CanvasNode("report").Locator(".node-label").BoundingBoxAsync())!;

        await Page.Mouse.MoveAsync(box.X + 5, box.Y + 5);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(box.X + 105, box.Y + 155, new() { Steps = 8 });
        await Page.Mouse.UpAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(Page.Locator("#designer-state")).ToHaveTextAsync("version 2 · saved");
        var report = (await Api.GetOkAsync($"/api/v1/workflows/{workflowId}"))["nodes"]!.AsArray().Single(n => (string)n!["id"]! == "report")!;
        Assert.That((double)report["position"]!["x"]!, Is.EqualTo(700).Within(5));
        Assert.That((double)report["position"]!["y"]!, Is.EqualTo(210).Within(5));
    }

    [Test]
    public async Task Save_of_an_invalid_graph_shows_the_servers_errors_on_the_node_and_field_and_saves_once_fixed()
    {
        await OpenAsync("#/designer/new");
        await Page.Locator("#palette button[data-component-id='core.text.split']").ClickAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(Page.Locator("#designer-errors li[data-node-id='split']")).ToContainTextAsync("is required");
        await Expect(CanvasNode("split")).ToHaveClassAsync(new Regex("node--invalid"));
        await Expect(Page.Locator("#designer-state")).ToHaveTextAsync("not saved yet");
        await CanvasNode("split").Locator(".node-label").ClickAsync();
        await Expect(Page.Locator("#inspector [data-error-for='input:text']")).ToContainTextAsync("is required");

        await Page.Locator("#override-text").FillAsync("a.example");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(Page.Locator("#designer-state")).ToHaveTextAsync("version 1 · saved");
        await Expect(Page.Locator("#designer-errors")).ToBeEmptyAsync();
        await Expect(CanvasNode("split")).Not.ToHaveClassAsync(new Regex("node--invalid"));
    }

    [Test]
    public async Task Deleting_a_node_removes_it_and_its_edges_from_the_saved_workflow()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("pruned", steps: 2, delayMs: 0));
        await OpenAsync($"#/designer/{workflowId}");
        await CanvasNode("report").Locator(".node-label").ClickAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete node" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(Page.Locator("#designer-state")).ToHaveTextAsync("version 2 · saved");
        var workflow = await Api.GetOkAsync($"/api/v1/workflows/{workflowId}");
        Assert.That(workflow["nodes"]!.AsArray().Select(n => (string)n!["id"]!), Is.EquivalentTo(new[] { "start", "prog" }));
        Assert.That(workflow["edges"]!.AsArray().Select(e => (string)e!["target"]!), Is.EqualTo(new[] { "prog" }));
    }

    [Test]
    public async Task Selected_edge_is_removed_with_the_Delete_key()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("edge removed", steps: 2, delayMs: 0));
        await OpenAsync($"#/designer/{workflowId}");
        await Expect(Page.Locator("#canvas .edge")).ToHaveCountAsync(3);

        await Page.Locator("#canvas .edge[data-edge-id='prog-report-data']").ClickAsync();
        await Expect(Page.Locator("#inspector")).ToContainTextAsync("prog.steps → report.data");
        await Page.Keyboard.PressAsync("Delete");

        await Expect(Page.Locator("#canvas .edge")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#canvas .edge[data-edge-id='prog-report-data']")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#designer-state")).ToContainTextAsync("unsaved changes");
    }

    [Test]
    public async Task Leaving_the_designer_with_unsaved_changes_asks_first_and_stays_when_declined()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("guarded", steps: 2, delayMs: 0));
        await OpenAsync($"#/designer/{workflowId}");
        await Page.Locator("#palette button[data-component-id='test.sleep']").ClickAsync();
        var questions = new List<string>();
        var firstQuestion = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var accept = false;
        Page.Dialog += async (_, dialog) =>
        {
            lock (questions) questions.Add(dialog.Message);
            firstQuestion.TrySetResult(dialog.Message);
            if (accept) await dialog.AcceptAsync();
            else await dialog.DismissAsync();
        };

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();

        Assert.That(await firstQuestion.Task.WaitAsync(StudioApi.Patience), Does.Contain("unsaved changes"));
        await Expect(Page).ToHaveURLAsync(new Regex($"#/designer/{Regex.Escape(workflowId)}$"));
        await Expect(CanvasNode("sleep")).ToBeVisibleAsync();

        accept = true;
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();

        await Expect(Page.Locator("#workflow-list")).ToContainTextAsync("guarded");
        lock (questions) Assert.That(questions, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Validate_and_compile_shows_the_actions_in_order()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("compiled", steps: 2, delayMs: 0));
        await OpenAsync($"#/designer/{workflowId}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Validate and compile" }).ClickAsync();

        await Expect(Page.Locator("#commit-result")).ToContainTextAsync("3 actions in order start → prog → report");
    }

    private ILocator CanvasNode(string nodeId) => Page.Locator($"#canvas [data-node-id='{nodeId}']");

    private string WorkflowIdInUrl() => DesignerUrl().Match(Page.Url).Groups[1].Value;

    [GeneratedRegex("#/designer/([^/]+)$")]
    private static partial Regex DesignerUrl();
}
