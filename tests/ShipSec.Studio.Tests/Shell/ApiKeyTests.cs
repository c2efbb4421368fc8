using System.Security.Cryptography;
using Microsoft.Playwright;
using NUnit.Framework;
using ShipSec.Studio.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ShipSec.Studio.Tests.Shell;

/// <summary>
/// The studio against a server that requires API keys (<c>ShipSec:Auth:Mode</c> Required, the key installed at startup):
/// without a key the pages say to enter one; with the key entered the run view follows a run through its stream — read
/// with fetch, so the key travels with it — to the end.
/// </summary>
public sealed class ApiKeyTests : StudioTest
{
    private static readonly string Key =
        $"ssk_{RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 12)}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    protected override StudioServer CreateServer() =>
        new(new Dictionary<string, string> { ["ShipSec:Auth:Mode"] = "Required", ["ShipSec:Auth:BootstrapKey"] = Key }, apiKey: Key);

    [Test]
    public async Task Without_a_key_the_workflow_list_says_to_enter_one()
    {
        await OpenAsync("#/workflows");

        await Expect(Page.Locator("body")).ToContainTextAsync("Enter a valid API key");
    }

    [Test]
    public async Task With_the_key_entered_the_run_view_follows_the_runs_stream_to_its_end()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflows.ProgressReport("keyed run", steps: 6, delayMs: 300));
        await OpenAsync("#/workflows");
        await Page.Locator("#api-key").FillAsync(Key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save key" }).ClickAsync();
        var runId = await Api.StartRunAsync(workflowId);

        await OpenAsync($"#/runs/{runId}");

        await Expect(Page.Locator("#log-lines")).ToContainTextAsync("step 6 of 6");
        await Expect(Page.Locator("#run-status")).ToHaveTextAsync("completed");
        foreach (var node in new[] { "start", "prog", "report" })
            await Expect(GraphNode(node)).ToHaveAttributeAsync("data-status", "succeeded");
    }
}
