using ShipSec.Activities.Tls.Sslscan;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules.Findings;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Modules.Tls;

/// <summary>sslscan in its container, on the host network, against the test's own TLS listener on 127.0.0.1.</summary>
public class SslscanModuleTests
{
    private readonly SslscanModule _module = new(TimeProvider.System);
    private DockerRunner _runner = null!;
    private ScanTarget _target = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _runner = await DockerHost.Runner();
        await DockerHost.RequireLocalImage(_runner.Client, "shipsec/sslscan:local");
        _target = await ScanTarget.Start();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _runner?.Dispose();
        if (_target is not null) await _target.DisposeAsync();
    }

    [Test]
    public async Task Scanning_the_local_tls_listener_names_the_certificate_subject_and_the_protocols_and_a_plain_http_port_is_an_error()
    {
        var plain = $"127.0.0.1:{_target.HttpPort}";
        var context = ContainerModuleContext.For(_module, _runner, inputs: new { targets = new[] { plain, _target.HttpsUrl } });

        var result = await context.Run();

        var scan = result.Output<List<TlsScan>>("results").Single();
        Assert.Multiple(() =>
        {
            Assert.That(scan.Certificate!.Subject, Is.EqualTo(ScanTarget.CertificateName));
            Assert.That(scan.Certificate.SelfSigned, Is.True);
            Assert.That(scan.Certificate.NotAfter, Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(80)));
            Assert.That(scan.Protocols.Where(p => p.Enabled).Select(p => p.Name), Does.Contain("TLSv1.2").And.Not.Contain("SSLv3"));
            Assert.That(scan.Ciphers, Is.Not.Empty);
            Assert.That(result.Output<List<Finding>>("findings"), Has.Some.Matches<Finding>(f =>
                f!.Kind == "tls.self-signed" && f.Asset == $"127.0.0.1:{_target.HttpsPort}"));
            Assert.That(scan.Port, Is.EqualTo(_target.HttpsPort));
            Assert.That(result.Output<List<string>>("errors"), Has.One.Contains(plain));
            Assert.That(context.Artifacts.Select(a => a.Info.Name), Does.Contain("sslscan-2.xml"));
            Assert.That(context.ProgressReports.Last().Message, Is.EqualTo("tested 2/2"));
        });
    }
}
