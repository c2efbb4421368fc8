using ShipSec.Activities.Web.ContentDiscovery;
using ShipSec.Activities.Web.Wafw00f;
using ShipSec.Activities.Web.WhatWeb;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules.Findings;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Modules.Web;

/// <summary>whatweb, wafw00f and ffuf in their containers, on the host network, against the test's own server on 127.0.0.1.</summary>
public class WebModuleTests
{
    private DockerRunner _runner = null!;
    private ScanTarget _target = null!;
    private ScanTarget _cloudflare = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _runner = await DockerHost.Runner();
        foreach (var image in new[] { "shipsec/whatweb:local", "shipsec/wafw00f:local", "shipsec/ffuf:local" })
            await DockerHost.RequireLocalImage(_runner.Client, image);
        _target = await ScanTarget.Start();
        _cloudflare = await ScanTarget.Start(poseAsCloudflare: true);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _runner?.Dispose();
        if (_target is not null) await _target.DisposeAsync();
        if (_cloudflare is not null) await _cloudflare.DisposeAsync();
    }

    [Test]
    public async Task Whatweb_names_the_server_and_title_of_the_local_site_and_reports_the_unreachable_one()
    {
        var closed = $"http://127.0.0.1:{ScanTarget.ClosedPort()}";
        var context = ContainerModuleContext.For(new WhatWebModule(), _runner, inputs: new { targets = new[] { _target.HttpUrl, _target.HttpsUrl, closed } });

        var result = await context.Run();

        var results = result.Output<List<WhatWebResult>>("results");
        var http = results.Single(r => r.Target == _target.HttpUrl);
        Assert.Multiple(() =>
        {
            Assert.That(http.Status, Is.EqualTo(200));
            Assert.That(http.Title, Is.EqualTo(ScanTarget.Title));
            Assert.That(results.Select(r => r.Target), Does.Contain(_target.HttpsUrl), "the self-signed TLS site is fingerprinted too");
            Assert.That(result.Output<List<string>>("technologies"), Does.Contain($"{ScanTarget.ServerProduct}/{ScanTarget.ServerVersion}"));
            Assert.That(result.Output<List<string>>("errors"), Has.One.StartsWith(closed));
            Assert.That(result.Output<List<Finding>>("findings"), Has.Some.Matches<Finding>(f => f!.Kind == "web.version-disclosure" && f.Asset == _target.HttpUrl));
            Assert.That(context.Artifacts.Single().Info.Name, Is.EqualTo("whatweb.json"));
        });
    }

    [Test]
    public async Task Wafw00f_recognises_a_site_posing_as_cloudflare_and_not_the_plain_one()
    {
        var context = ContainerModuleContext.For(new Wafw00fModule(), _runner, inputs: new { targets = new[] { _cloudflare.HttpUrl, _target.HttpUrl } });

        var result = await context.Run();

        Assert.Multiple(() =>
        {
            Assert.That(result.Output<List<string>>("protected"), Is.EqualTo(new[] { _cloudflare.HttpUrl }));
            Assert.That(result.Output<List<string>>("unprotected"), Is.EqualTo(new[] { _target.HttpUrl }));
            Assert.That(result.Output<List<WafDetection>>("results").Single(r => r.Detected).Firewall, Does.Contain("Cloudflare"));
        });
    }

    [Test]
    public async Task Content_discovery_finds_the_unlinked_paths_of_the_wordlist_that_exist()
    {
        var context = ContainerModuleContext.For(new ContentDiscoveryModule(), _runner,
            inputs: new { targets = new[] { _target.HttpUrl }, wordlist = new[] { "admin", "backup", "missing", "nothing-here" } });

        var result = await context.Run();

        Assert.Multiple(() =>
        {
            Assert.That(result.Output<List<string>>("urls"), Is.EquivalentTo(ScanTarget.HiddenPaths.Select(p => $"{_target.HttpUrl}/{p}")));
            Assert.That(result.Output<List<DiscoveredContent>>("results").Select(r => r.Status), Is.All.EqualTo(200));
            Assert.That(result.Output<List<Finding>>("findings"), Has.One.Matches<Finding>(f => f!.Kind == "web.sensitive-content" && f.Asset.EndsWith("/backup")));
        });
    }
}
