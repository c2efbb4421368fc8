using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using ShipSec.Trace.Tests.Infrastructure;
using static ShipSec.Trace.Tests.Infrastructure.Workflows;

namespace ShipSec.Trace.Tests.ModuleOutput;

/// <summary>The <c>ShipSec:Trace:MaxProgressPerSecond</c> setting: 0 turns coalescing off, a negative value stops the server.</summary>
public sealed class ProgressRateSettingTests
{
    private const string Key = "ShipSec:Trace:MaxProgressPerSecond";

    [Test]
    public async Task With_a_rate_of_0_every_report_is_a_NODE_PROGRESS_event()
    {
        const int steps = 2_000;
        using var server = new TraceServer(new Dictionary<string, string> { [Key] = "0" });
        var api = server.Start();

        var runId = await api.StartAsync(Chain("every report",
            ("progress", "test.progress", new JsonObject { ["steps"] = steps, ["delayMs"] = 0 })));
        Assert.That((string?)(await api.WaitForEndAsync(runId))["status"], Is.EqualTo("COMPLETED"));
        var trace = await api.TraceAsync(runId);

        var reported = trace.Where(e => (string?)e["type"] == "NODE_PROGRESS").Select(e => (long)e["data"]!["current"]!);
        Assert.That(reported, Is.EqualTo(Enumerable.Range(1, steps).Select(i => (long)i)));
    }

    [Test]
    public void A_negative_rate_stops_the_server_and_names_the_key()
    {
        using var server = new TraceServer(new Dictionary<string, string> { [Key] = "-1" });

        var failure = Assert.Catch(() => server.Start());

        var validation = failure as OptionsValidationException ?? failure?.InnerException as OptionsValidationException;
        Assert.That(validation, Is.Not.Null, () => $"expected an options validation failure, got {failure}");
        Assert.That(validation!.Message, Does.Contain(Key));
    }
}
