using System.Text.Json.Nodes;
using ShipSec.Containers.Tests.Support;
using ShipSec.Containers.Tests.Workflows.Support;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Containers.Tests.Workflows;

/// <summary>
/// A run input written as shell syntax reaches the tool as one argument-free target string: nothing it says is executed, on the
/// host or in the container. Each test names its own marker file, so a file left by anything else cannot make it pass or fail.
/// </summary>
public sealed class ShellInputTests : ContainerWorkflowTests
{
    private ScanTarget _target = null!;

    protected override IEnumerable<string> Images => ["shipsec/nmap:local"];

    [OneTimeSetUp]
    public async Task StartTarget() => _target = await ScanTarget.Start();

    [OneTimeTearDown]
    public async Task StopTarget()
    {
        if (_target is not null) await _target.DisposeAsync();
    }

    [Test]
    public async Task Targets_written_as_shell_commands_reach_nmap_as_target_strings_and_run_nothing()
    {
        var marker = $"shipsec-pwned-{Guid.NewGuid():N}";
        string[] hostile =
        [
            $";touch${{IFS}}/tmp/{marker}", $"$(touch${{IFS}}/tmp/{marker})", $"`touch${{IFS}}/tmp/{marker}`",
            $"127.0.0.1;touch${{IFS}}/work/out/{marker}", $"x&&touch${{IFS}}/work/out/{marker}",
        ];

        var runId = await Run(ScanOfInput(), new JsonObject { ["targets"] = new JsonArray(["127.0.0.1", .. hostile.Select(h => (JsonNode)h)]) });
        await WaitForEnd(runId, "COMPLETED");
        var node = await NodeIo(runId, "scan");
        var trace = await Api.TraceAsync(runId);
        var artifacts = (await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/artifacts"))["artifacts"]!.AsArray();

        var toolLines = trace.Where(e => IsNodeEvent(e, "NODE_LOG", "scan")).Select(e => (string?)e!["data"]!["line"] ?? "").ToList();
        Assert.Multiple(() =>
        {
            foreach (var target in hostile)
                Assert.That(toolLines, Has.Some.Contains($"\"{target}\""), $"nmap read {target} as one target expression");
            Assert.That(node["outputs"]!["openPorts"]!.AsArray().Select(p => (string?)p), Is.EqualTo(new[] { $"127.0.0.1:{_target.HttpPort}" }));
            Assert.That(artifacts.Select(a => (string?)a!["name"]), Is.EqualTo(new[] { "nmap.xml" }), "nothing was written to /work/out in the container");
            Assert.That(File.Exists(Path.Combine("/tmp", marker)), Is.False, "nothing ran on the host");
        });
    }

    [Test]
    public async Task A_target_with_spaces_and_a_shell_command_is_refused_before_any_container_starts()
    {
        var marker = $"shipsec-pwned-{Guid.NewGuid():N}";
        var input = $"; touch /tmp/{marker}";

        var runId = await Run(ScanOfInput(), new JsonObject { ["targets"] = new JsonArray(input) });
        await WaitForEnd(runId, "FAILED");
        var node = await NodeIo(runId, "scan");
        var trace = await Api.TraceAsync(runId);

        Assert.Multiple(() =>
        {
            Assert.That((string?)node["error"]!["type"], Is.EqualTo("ValidationError"));
            Assert.That((string?)node["error"]!["message"], Does.Contain(input));
            Assert.That(trace, Has.None.Matches<JsonNode>(e => IsNodeEvent(e, "NODE_LOG", "scan") && (string?)e!["data"]!["stream"] != "module"),
                "no tool printed anything: no container ran");
            Assert.That(File.Exists(Path.Combine("/tmp", marker)), Is.False, "nothing ran on the host");
        });
    }

    /// <summary>entry (runtime input <c>targets</c>, an array) → nmap's targets input, scanning the target's HTTP port.</summary>
    private JsonObject ScanOfInput() => Workflow("scan what the user typed",
        [
            Entry("start", RuntimeInput("targets", "array")),
            Node("scan", "network.nmap.scan", new JsonObject
            {
                ["ports"] = _target.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["serviceDetection"] = false,
            }),
        ],
        [Data("start", "targets", "scan", "targets")]);
}
