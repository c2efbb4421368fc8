using System.Text.Json.Nodes;
using ShipSec.Containers.Tests.Support;
using ShipSec.Containers.Tests.Workflows.Support;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Containers.Tests.Workflows;

/// <summary>
/// One workflow run through the HTTP API scans the test's own HTTP + TLS server on 127.0.0.1 with nmap, sslscan and whatweb in
/// parallel and writes a report; what the tools found is read back through node-io.
/// </summary>
public sealed class ScanWorkflowTests : ContainerWorkflowTests
{
    private ScanTarget _target = null!;
    private string _runId = null!;

    protected override IEnumerable<string> Images => ["shipsec/nmap:local", "shipsec/sslscan:local", "shipsec/whatweb:local"];

    [OneTimeSetUp]
    public async Task ScanTheTarget()
    {
        _target = await ScanTarget.Start();
        var graph = Workflow("scan the test target",
            [
                Entry(),
                Node("ports", "network.nmap.scan", new JsonObject
                {
                    ["targets"] = new JsonArray("127.0.0.1"),
                    ["ports"] = $"{_target.HttpPort},{_target.HttpsPort}",
                }),
                Node("tls", "tls.sslscan", new JsonObject { ["targets"] = new JsonArray(_target.HttpsUrl) }),
                Node("web", "web.whatweb", new JsonObject { ["targets"] = new JsonArray(_target.HttpUrl) }),
                Node("report", "core.report.markdown", new JsonObject { ["title"] = "Test target" }),
            ],
            [
                Control("start", "ports"), Control("start", "tls"), Control("start", "web"),
                Data("ports", "findings", "report", "findings"), Data("tls", "results", "report", "data"), Control("web", "report"),
            ]);
        _runId = await Run(graph);
        await WaitForEnd(_runId, "COMPLETED");
    }

    [OneTimeTearDown]
    public async Task StopTheTarget()
    {
        if (_target is not null) await _target.DisposeAsync();
    }

    [Test]
    public async Task Nmap_names_the_open_ports_and_the_http_service_behind_them()
    {
        var node = await NodeIo(_runId, "ports");

        var host = node["outputs"]!["hosts"]!.AsArray().Single()!;
        var http = host["ports"]!.AsArray().Single(p => (int)p!["port"]! == _target.HttpPort)!;
        var https = host["ports"]!.AsArray().Single(p => (int)p!["port"]! == _target.HttpsPort)!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)node["status"], Is.EqualTo("completed"));
            Assert.That((string?)host["address"], Is.EqualTo("127.0.0.1"));
            Assert.That(((string?)http["state"], (string?)http["protocol"], (string?)http["service"]), Is.EqualTo(("open", "tcp", "http")));
            Assert.That(((string?)http["product"], (string?)http["version"]), Is.EqualTo((ScanTarget.ServerProduct, ScanTarget.ServerVersion)));
            Assert.That((string?)https["state"], Is.EqualTo("open"));
            Assert.That(node["outputs"]!["openPorts"]!.AsArray().Select(p => (string?)p),
                Is.EquivalentTo(new[] { $"127.0.0.1:{_target.HttpPort}", $"127.0.0.1:{_target.HttpsPort}" }));
        });
    }

    [Test]
    public async Task Sslscan_names_the_certificate_subject_of_the_tls_listener()
    {
        var node = await NodeIo(_runId, "tls");

        var scan = node["outputs"]!["results"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)node["status"], Is.EqualTo("completed"));
            Assert.That((int)scan["port"]!, Is.EqualTo(_target.HttpsPort));
            Assert.That((string?)scan["certificate"]!["subject"], Is.EqualTo(ScanTarget.CertificateName));
            Assert.That((bool)scan["certificate"]!["selfSigned"]!, Is.True);
        });
    }

    [Test]
    public async Task Whatweb_names_the_web_server_and_the_page_title()
    {
        var node = await NodeIo(_runId, "web");

        var site = node["outputs"]!["results"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)node["status"], Is.EqualTo("completed"));
            Assert.That((string?)site["title"], Is.EqualTo(ScanTarget.Title));
            Assert.That(node["outputs"]!["technologies"]!.AsArray().Select(t => (string?)t),
                Does.Contain($"{ScanTarget.ServerProduct}/{ScanTarget.ServerVersion}"));
        });
    }

    [Test]
    public async Task The_three_scanners_run_side_by_side_and_the_report_waits_for_them()
    {
        var trace = await Api.TraceAsync(_runId);

        string[] scanners = ["ports", "tls", "web"];
        var lastStart = scanners.Max(n => Sequence(trace.Single(e => IsNodeEvent(e, "NODE_STARTED", n))));
        var firstEnd = scanners.Min(n => Sequence(trace.Single(e => IsNodeEvent(e, "NODE_COMPLETED", n))));
        var lastEnd = scanners.Max(n => Sequence(trace.Single(e => IsNodeEvent(e, "NODE_COMPLETED", n))));
        Assert.Multiple(() =>
        {
            Assert.That(lastStart, Is.LessThan(firstEnd), "every scanner started before any finished");
            Assert.That(Sequence(trace.Single(e => IsNodeEvent(e, "NODE_STARTED", "report"))), Is.GreaterThan(lastEnd));
        });
    }

    [Test]
    public async Task Each_tool_report_and_the_markdown_report_are_artifacts_of_the_run()
    {
        var artifacts = (await Api.GetOkAsync($"/api/v1/workflows/runs/{_runId}/artifacts"))["artifacts"]!.AsArray();
        var report = await NodeIo(_runId, "report");

        Assert.Multiple(() =>
        {
            Assert.That(artifacts.Select(a => ((string?)a!["nodeId"], (string?)a["name"])), Is.EquivalentTo(new[]
            {
                ("ports", "nmap.xml"), ("tls", "sslscan-1.xml"), ("web", "whatweb.json"), ("report", "report.md"),
            }));
            Assert.That(artifacts.Select(a => (string?)a!["sha256"]), Has.All.Match("^[0-9a-f]{64}$"));
            Assert.That((string?)report["outputs"]!["markdown"], Does.Contain($"Open port {_target.HttpPort}/tcp (http)"));
        });
    }

    [Test]
    public async Task Tool_output_is_in_the_trace_and_no_container_is_left()
    {
        var trace = await Api.TraceAsync(_runId);
        var left = await DockerHost.ContainersOfRun(Docker, _runId);

        Assert.Multiple(() =>
        {
            Assert.That(trace, Has.Some.Matches<JsonNode>(e => IsNodeEvent(e, "NODE_LOG", "ports") && (string?)e!["data"]!["stream"] == "stdout"
                && (string?)e["data"]!["line"] == $"Discovered open port {_target.HttpPort}/tcp on 127.0.0.1"));
            Assert.That(left, Is.Empty);
        });
    }
}
