using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using ShipSec.Studio.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ShipSec.Studio.Tests.Diff;

/// <summary>Comparing a run with another run of the same workflow.</summary>
public sealed class DiffTests : StudioTest
{
    [Test]
    public async Task Diff_with_a_run_of_other_inputs_lists_and_highlights_the_changed_nodes()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.SplitTargets("diffed"));
        var first = await Api.StartRunAsync(workflowId, new JsonObject { ["targets"] = "a.example\nb.example" });
        var second = await Api.StartRunAsync(workflowId, new JsonObject { ["targets"] = "a.example" });
        await Api.WaitForEndAsync(first);
        await Api.WaitForEndAsync(second);
        await OpenAsync($"#/runs/{first}");
        await Expect(GraphNode("split")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(GraphNode("split")).Not.ToHaveClassAsync(new Regex("node--changed"));

        await Page.Locator("#diff-run").SelectOptionAsync(second);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();

        await Expect(Page.Locator("#diff-summary")).ToContainTextAsync("2 nodes changed");
        await Expect(Page.Locator("#diff-result tr[data-node-id='split']")).ToContainTextAsync("changed");
        await Expect(GraphNode("split")).ToHaveClassAsync(new Regex("node--changed"));
    }
}
