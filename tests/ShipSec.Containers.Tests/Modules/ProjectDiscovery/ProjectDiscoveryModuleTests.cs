using ShipSec.Activities.Network.Naabu;
using ShipSec.Activities.Recon.Dnsx;
using ShipSec.Activities.Tests.Support;
using ShipSec.Activities.Vuln.Nuclei;
using ShipSec.Activities.Web.Httpx;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules;
using ShipSec.Modules.Findings;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Modules.ProjectDiscovery;

/// <summary>
/// The ProjectDiscovery modules with their published images against the test's own servers on 127.0.0.1. The images cannot be
/// pulled or built on a machine without registry access: each test is ignored, naming its image, where the image is absent.
/// recon.subfinder has no container test: its passive sources are all third-party services, never a test-owned target.
/// </summary>
public class ProjectDiscoveryModuleTests
{
    private DockerRunner _runner = null!;
    private ScanTarget _target = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _runner = await DockerHost.Runner(options => options.PreferLocalImages = false);
        _target = await ScanTarget.Start();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _runner?.Dispose();
        if (_target is not null) await _target.DisposeAsync();
    }

    [Test]
    public async Task Httpx_finds_the_local_http_and_https_services_with_their_title()
    {
        var module = await Require(new HttpxModule());
        var context = ContainerModuleContext.For(module, _runner, inputs: new { targets = new[] { _target.HttpUrl, _target.HttpsUrl } });

        var result = await context.Run();

        var responses = result.Output<List<HttpxResponse>>("responses");
        Assert.Multiple(() =>
        {
            Assert.That(responses.Select(r => r.Status), Is.All.EqualTo(200));
            Assert.That(responses.Select(r => r.Title), Is.All.EqualTo(ScanTarget.Title));
            Assert.That(result.Output<List<string>>("alive"), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Naabu_finds_the_open_local_ports()
    {
        var module = await Require(new NaabuModule());
        var context = ContainerModuleContext.For(module, _runner, inputs: new { targets = new[] { "127.0.0.1" } },
            parameters: new { ports = $"{_target.HttpPort},{_target.HttpsPort}" });

        var result = await context.Run();

        Assert.That(result.Output<List<string>>("openPorts"), Is.EquivalentTo(new[] { $"127.0.0.1:{_target.HttpPort}", $"127.0.0.1:{_target.HttpsPort}" }));
    }

    [Test]
    public async Task Nuclei_runs_a_custom_template_and_reports_its_match_with_severity()
    {
        var module = await Require(new NucleiModule());
        const string template = """
            id: shipsec-target-title
            info:
              name: ShipSec scan target page
              author: shipsec-tests
              severity: low
            http:
              - method: GET
                path:
                  - "{{BaseURL}}/"
                matchers:
                  - type: word
                    words:
                      - "ShipSec Scan Target"
            """;
        var context = ContainerModuleContext.For(module, _runner, inputs: new { targets = new[] { _target.HttpUrl } }, parameters: new { customTemplate = template });

        var result = await context.Run();

        Assert.That(result.Output<List<Finding>>("findings"), Is.EqualTo(new[]
        {
            new Finding($"{_target.HttpUrl}/", "vuln.nuclei.shipsec-target-title", FindingSeverity.Low, "ShipSec scan target page", "template shipsec-target-title"),
        }));
    }

    [Test]
    public async Task Dnsx_resolves_names_through_the_local_dns_server()
    {
        var module = await Require(new DnsxModule());
        await using var dns = new AuthoritativeDnsServer([new ZoneRecord("app.scan.test", "A", "10.20.30.40")]);
        var context = ContainerModuleContext.For(module, _runner, inputs: new { domains = new[] { "app.scan.test", "missing.scan.test" } },
            parameters: new { resolvers = new[] { dns.Endpoint }, recordTypes = new[] { "A" } });

        var result = await context.Run();

        Assert.That(result.Output<List<DnsxRecord>>("records"), Is.EqualTo(new[] { new DnsxRecord("app.scan.test", "A", "10.20.30.40") }));
    }

    private async Task<IModule> Require(IModule module)
    {
        await DockerHost.RequirePublishedImage(_runner.Client, module.Descriptor.Runner.Image!);
        return module;
    }
}
