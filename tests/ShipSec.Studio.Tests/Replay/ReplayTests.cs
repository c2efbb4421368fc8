using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using ShipSec.Studio.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ShipSec.Studio.Tests.Replay;

/// <summary>The replay timeline: the run redrawn as it stood after any event.</summary>
public sealed class ReplayTests : StudioTest
{
    [Test]
    public async Task Replay_at_an_early_event_shows_nodes_idle_or_running_that_succeeded_at_the_end()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("replayed", steps: 3, delayMs: 0));
        var runId = await Api.StartRunAsync(workflowId);
        await Api.WaitForEndAsync(runId);
        var progStarted = (await Api.TraceAsync(runId))
            .Single(e => (string?)e!["nodeId"] == "prog" && (string?)e["type"] == "NODE_STARTED")!["sequence"]!.GetValue<long>();
        await OpenAsync($"#/runs/{runId}");
        await Expect(GraphNode("report")).ToHaveAttributeAsync("data-status", "succeeded");

        await Page.Locator("#replay-slider").FocusAsync();
        await Page.Keyboard.PressAsync("Home");

        await Expect(Page.Locator("#replay-text")).ToContainTextAsync("Event 1 of");
        await Expect(GraphNode("prog")).ToHaveAttributeAsync("data-status", "idle");
        await Expect(GraphNode("report")).ToHaveAttributeAsync("data-status", "idle");

        await Page.Locator("#replay-sequence").FillAsync(progStarted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator("#replay-sequence").PressAsync("Enter");

        await Expect(Page.Locator("#replay-text")).ToContainTextAsync($"Event {progStarted} of");
        await Expect(GraphNode("start")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(GraphNode("prog")).ToHaveAttributeAsync("data-status", "running");
        await Expect(GraphNode("report")).ToHaveAttributeAsync("data-status", "idle");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Back to live" }).ClickAsync();

        await Expect(GraphNode("prog")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(Page.Locator("#replay-text")).ToHaveTextAsync("Live");
    }

    [Test]
    public async Task Replay_shows_the_progress_and_log_lines_of_that_moment()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("replayed progress", steps: 4, delayMs: 0));
        var runId = await Api.StartRunAsync(workflowId);
        await Api.WaitForEndAsync(runId);
        var secondStep = (await Api.TraceAsync(runId))
            .First(e => (string?)e!["type"] == "NODE_PROGRESS" && e["data"]!["current"]!.GetValue<long>() == 2)!["sequence"]!.GetValue<long>();
        await OpenAsync($"#/runs/{runId}");
        await Expect(GraphNode("report")).ToHaveAttributeAsync("data-status", "succeeded");
        await GraphNode("prog").ClickAsync();

        await Page.Locator("#replay-sequence").FillAsync(secondStep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator("#replay-sequence").PressAsync("Enter");

        await Expect(Page.Locator("#node-detail .progress")).ToContainTextAsync("step 2/4");
        await Expect(Page.Locator("#log-lines")).ToContainTextAsync("step 2 of 4");
        await Expect(Page.Locator("#log-lines")).Not.ToContainTextAsync("step 3 of 4");
        await Expect(Page.Locator("main")).ToHaveClassAsync(new Regex("replaying"));
    }
}
