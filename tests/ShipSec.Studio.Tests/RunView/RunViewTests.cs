using System.Text.Json.Nodes;
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
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("live run", steps: 10, delayMs: 500));
        await OpenAsync($"#/workflows/{workflowId}");
        await Expect(Page.Locator("#workflow-name")).ToHaveTextAsync("live run");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(RunUrl());
        await Expect(GraphNode("prog")).ToHaveAttributeAsync("data-status", "running");
        await Expect(GraphNode("prog").Locator(".node-progress-text")).ToContainTextAsync("/10");
        await Expect(Page.Locator("#log-lines")).ToContainTextAsync("step 1 of 10");
        foreach (var node in new[] { "start", "prog", "report" })
            await Expect(GraphNode(node)).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(Page.Locator("#run-status")).ToHaveTextAsync("completed");
        await Expect(Page.Locator("#run-progress")).ToHaveTextAsync("3 of 3 nodes done");
        await Expect(Page.Locator("#log-lines")).ToContainTextAsync("step 10 of 10");
        await Expect(Page.Locator("#cancel-run")).ToBeDisabledAsync();

        await GraphNode("prog").ClickAsync();
        await Expect(Page.Locator("#node-detail .progress")).ToContainTextAsync("step 10/10");
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

    [Test]
    public async Task Stream_that_breaks_off_is_resumed_after_the_last_event_without_gaps_or_repeats()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("resumed", steps: 3, delayMs: 0));
        var runId = await Api.StartRunAsync(workflowId);
        await Api.WaitForEndAsync(runId);
        var events = (await Api.TraceAsync(runId)).Select(e => e!.DeepClone()).ToList();
        var cut = events.FindIndex(e => (string?)e["type"] == "NODE_LOG" && ((string?)e["data"]!["line"])!.StartsWith("step 2", StringComparison.Ordinal));
        var cutSequence = (long)events[cut - 1]["sequence"]!;
        var requests = new List<(string Url, string? LastEventId)>();
        await Page.RouteAsync(new Regex("/stream"), async route =>
        {
            lock (requests) requests.Add((route.Request.Url, route.Request.Headers.GetValueOrDefault("last-event-id")));
            var body = requests.Count == 1
                ? ": keepalive\n\n" + TraceMessage(events[..cut])
                : TraceMessage(events[cut..]) + $"event: complete\ndata: {{\"runId\":\"{runId}\",\"status\":\"COMPLETED\"}}\n\n";
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/event-stream", Body = body });
        });

        await OpenAsync($"#/runs/{runId}");

        await Expect(GraphNode("report")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(Page.Locator("#log-lines li", new() { HasText = "step 3 of 3" })).ToHaveCountAsync(1);
        await Expect(Page.Locator("#log-lines li", new() { HasText = "step 1 of 3" })).ToHaveCountAsync(1);
        await Expect(Page.Locator("#log-lines li", new() { HasText = "step 2 of 3" })).ToHaveCountAsync(1);
        lock (requests)
        {
            Assert.That(requests, Has.Count.EqualTo(2));
            Assert.That(requests[1].LastEventId, Is.EqualTo(cutSequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(requests[1].Url, Does.EndWith($"cursor={cutSequence}"));
        }
    }

    private static string TraceMessage(List<JsonNode> events)
    {
        var cursor = (long)events[^1]["sequence"]!;
        var data = new JsonObject { ["events"] = new JsonArray(events.Select(e => e.DeepClone()).ToArray()), ["cursor"] = cursor };
        return $"id: {cursor}\nevent: trace\ndata: {data.ToJsonString()}\n\n";
    }

    [GeneratedRegex("#/runs/[^/]+$")]
    private static partial Regex RunUrl();
}
