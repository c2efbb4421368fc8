using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using ShipSec.Studio.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ShipSec.Studio.Tests.Shell;

/// <summary>The studio's shell: where it is served, the component list, the API key setting, the SSE parser.</summary>
public sealed class ShellTests : StudioTest
{
    [Test]
    public async Task Server_root_opens_the_studio()
    {
        await Page.GotoAsync(Server.Address.ToString());

        await Expect(Page).ToHaveURLAsync(new Regex("/studio/"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Workflows" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task Components_page_lists_the_servers_components()
    {
        await OpenAsync("#/components");

        await Expect(Page.Locator("#component-list tr[data-component-id='test.progress']")).ToContainTextAsync("Progress");
        await Expect(Page.Locator("#component-list tr[data-component-id='core.workflow.entrypoint']")).ToBeVisibleAsync();
    }

    [Test]
    public async Task Requests_carry_the_entered_api_key_and_none_without_one()
    {
        static bool IsComponents(IRequest request) => request.Url.EndsWith("/api/v1/components", StringComparison.Ordinal);

        var anonymous = await Page.RunAndWaitForRequestAsync(() => OpenAsync("#/components"), IsComponents);
        await Expect(Page.Locator("#component-list")).ToBeVisibleAsync();
        await Page.Locator("#api-key").FillAsync("ssk_studiotest01_secret");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save key" }).ClickAsync();
        var keyed = await Page.RunAndWaitForRequestAsync(() => Page.ReloadAsync(), IsComponents);

        Assert.That(await anonymous.HeaderValueAsync("authorization"), Is.Null);
        Assert.That(await keyed.HeaderValueAsync("authorization"), Is.EqualTo("Bearer ssk_studiotest01_secret"));
        await Expect(Page.Locator("#api-key")).ToHaveValueAsync("ssk_studiotest01_secret");
    }

    [Test]
    public async Task Sse_parser_reassembles_messages_split_across_chunks_and_skips_keepalives()
    {
        await OpenAsync();

        var parsed = await Page.EvaluateAsync<string>("""
            async () => {
              const { SseParser } = await import('./js/sse.js');
              const parser = new SseParser();
              const chunks = ['id: 7\nevent: tr', 'ace\ndata: {"cursor":', '7}\n\n: keepalive\n\nevent: status\r', '\ndata: {"status":"RUNNING"}\r\n\r\n',
                'event: complete\ndata: {}\n', '\n'];
              const messages = chunks.flatMap(chunk => parser.push(chunk));
              return JSON.stringify(messages);
            }
            """);

        Assert.That(parsed, Is.EqualTo("""[{"id":"7","event":"trace","data":"{\"cursor\":7}"},{"event":"status","data":"{\"status\":\"RUNNING\"}"},{"event":"complete","data":"{}"}]"""));
    }
}
