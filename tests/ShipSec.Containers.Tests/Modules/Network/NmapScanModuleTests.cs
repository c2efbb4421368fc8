using ShipSec.Activities.Network.Nmap;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules.Findings;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Modules.Network;

/// <summary>nmap in its container, on the host network, against the test's own server on 127.0.0.1.</summary>
public class NmapScanModuleTests
{
    private readonly NmapScanModule _module = new();
    private DockerRunner _runner = null!;
    private ScanTarget _target = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _runner = await DockerHost.Runner();
        await DockerHost.RequireLocalImage(_runner.Client, "shipsec/nmap:local");
        _target = await ScanTarget.Start();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _runner?.Dispose();
        if (_target is not null) await _target.DisposeAsync();
    }

    [Test]
    public async Task Scanning_the_local_server_names_its_open_ports_and_the_http_service()
    {
        var closed = ScanTarget.ClosedPort();
        var context = ContainerModuleContext.For(_module, _runner,
            inputs: new { targets = new[] { "127.0.0.1" } },
            parameters: new { ports = $"{_target.HttpPort},{_target.HttpsPort},{closed}" });

        var result = await context.Run();

        var host = result.Output<List<NmapHost>>("hosts").Single();
        var http = host.Ports.Single(p => p.Port == _target.HttpPort);
        var https = host.Ports.Single(p => p.Port == _target.HttpsPort);
        Assert.Multiple(() =>
        {
            Assert.That(host.Address, Is.EqualTo("127.0.0.1"));
            Assert.That(host.Status, Is.EqualTo("up"));
            Assert.That((http.State, http.Protocol, http.Service), Is.EqualTo(("open", "tcp", "http")));
            Assert.That((http.Product, http.Version), Is.EqualTo((ScanTarget.ServerProduct, ScanTarget.ServerVersion)));
            Assert.That((https.State, https.Tunnel), Is.EqualTo(("open", "ssl")));
            Assert.That(host.Ports.Single(p => p.Port == closed).State, Is.EqualTo("closed"));
            Assert.That(result.Output<List<string>>("openPorts"), Is.EquivalentTo(new[] { $"127.0.0.1:{_target.HttpPort}", $"127.0.0.1:{_target.HttpsPort}" }));
            Assert.That(result.Output<List<Finding>>("findings"), Has.Some.Matches<Finding>(f =>
                f!.Asset == $"127.0.0.1:{_target.HttpPort}" && f.Kind == "network.open-port" && f.Title.Contains("(http)")));
            Assert.That(context.Logs, Has.Some.Matches<LogLine>(l => l!.Stream == "stdout" && l.Line == $"Discovered open port {_target.HttpPort}/tcp on 127.0.0.1"));
            Assert.That(context.Artifacts.Single().Info.Name, Is.EqualTo("nmap.xml"));
            Assert.That(context.ProgressReports.Last().Current, Is.EqualTo(100));
        });
    }

    [Test]
    public async Task A_target_with_shell_syntax_reaches_nmap_as_a_name_to_resolve_and_runs_nothing()
    {
        var context = ContainerModuleContext.For(_module, _runner,
            inputs: new { targets = new[] { "127.0.0.1", ";touch${IFS}/work/out/pwned" } },
            parameters: new { ports = _target.HttpPort.ToString(), serviceDetection = false });

        var result = await context.Run();

        Assert.Multiple(() =>
        {
            Assert.That(context.Logs, Has.Some.Matches<LogLine>(l => l!.Line.Contains("\";touch${IFS}/work/out/pwned\"")));
            Assert.That(context.Artifacts.Select(a => a.Info.Name), Is.EqualTo(new[] { "nmap.xml" }), "no pwned file was written");
            Assert.That(result.Output<List<string>>("openPorts"), Is.EqualTo(new[] { $"127.0.0.1:{_target.HttpPort}" }));
        });
    }
}
