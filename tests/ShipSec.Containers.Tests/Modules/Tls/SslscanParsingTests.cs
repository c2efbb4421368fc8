using ShipSec.Activities.Tls.Sslscan;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules.Findings;

namespace ShipSec.Containers.Tests.Modules.Tls;

public class SslscanParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void The_report_gives_protocols_ciphers_and_the_certificate_and_lists_unreachable_targets()
    {
        using var xml = Samples.Open("sslscan-one-up-one-down.xml");

        var (scans, errors) = SslscanXml.Parse(xml);

        var scan = scans.Single();
        Assert.Multiple(() =>
        {
            Assert.That(scan.Endpoint, Is.EqualTo("127.0.0.1:18443"));
            Assert.That(scan.Protocols.Where(p => p.Enabled).Select(p => p.Name), Is.EqualTo(new[] { "TLSv1.2", "TLSv1.3" }));
            Assert.That(scan.Protocols.Where(p => !p.Enabled).Select(p => p.Name), Is.EqualTo(new[] { "SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1" }));
            Assert.That(scan.Ciphers, Has.Some.EqualTo(new TlsCipher("TLSv1.3", "TLS_AES_128_GCM_SHA256", 128, "acceptable", Preferred: true)));
            Assert.That(scan.Certificate, Is.EqualTo(new TlsCertificate("sample.shipsec.test", "sample.shipsec.test", SelfSigned: true,
                new DateTimeOffset(2026, 11, 25, 19, 14, 33, TimeSpan.Zero), new DateTimeOffset(2026, 12, 25, 19, 14, 33, TimeSpan.Zero),
                Expired: false, "sha256WithRSAEncryption", "RSA", 2048)));
            Assert.That(errors, Is.EqualTo(new[] { "Could not open a connection to host 127.0.0.1 (127.0.0.1) on port 1." }),
                "sslscan's end-of-targets-file notice is not an error");
        });
    }

    [Test]
    public void A_self_signed_certificate_expiring_within_thirty_days_gives_two_findings_and_modern_tls_none()
    {
        using var xml = Samples.Open("sslscan-one-up-one-down.xml");
        var scan = SslscanXml.Parse(xml).Scans.Single();

        var findings = TlsFindings.For(scan, Now).ToList();

        Assert.That(findings.Select(f => (f.Kind, f.Severity)), Is.EquivalentTo(new[]
        {
            ("tls.expiring", FindingSeverity.Medium),
            ("tls.self-signed", FindingSeverity.Medium),
        }));
    }

    [Test]
    public void Old_protocols_weak_ciphers_heartbleed_and_an_expired_certificate_are_reported_by_severity()
    {
        var scan = new TlsScan("legacy.example", 443, null,
            [new TlsProtocol("SSLv3", true), new TlsProtocol("TLSv1.0", true), new TlsProtocol("TLSv1.2", true)],
            [new TlsCipher("TLSv1.0", "RC4-SHA", 128, "weak", false), new TlsCipher("TLSv1.2", "NULL-SHA256", 0, "null", false)],
            new TlsCertificate("legacy.example", "Some CA", false, Now.AddYears(-2), Now.AddDays(-3), true, "sha1WithRSAEncryption", "RSA", 1024),
            ["TLSv1.0"], InsecureRenegotiation: true);

        var findings = TlsFindings.For(scan, Now).ToList();

        Assert.That(findings.Select(f => (f.Kind, f.Severity)), Is.EquivalentTo(new[]
        {
            ("tls.weak-protocol", FindingSeverity.High),
            ("tls.weak-protocol", FindingSeverity.Medium),
            ("tls.weak-cipher", FindingSeverity.High),
            ("tls.weak-cipher", FindingSeverity.Medium),
            ("tls.heartbleed", FindingSeverity.Critical),
            ("tls.insecure-renegotiation", FindingSeverity.Medium),
            ("tls.expired", FindingSeverity.High),
            ("tls.weak-key", FindingSeverity.Medium),
        }));
        Assert.That(findings.All(f => f.Asset == "legacy.example:443"));
    }

    [TestCase("https://scan.example/login", "scan.example:443")]
    [TestCase("https://scan.example:8443", "scan.example:8443")]
    [TestCase("scan.example:993", "scan.example:993")]
    [TestCase("scan.example", "scan.example")]
    public void Targets_become_host_and_port(string target, string endpoint) =>
        Assert.That(SslscanModule.Endpoint(target), Is.EqualTo(endpoint));
}
