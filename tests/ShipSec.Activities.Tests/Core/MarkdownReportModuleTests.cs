using System.Security.Cryptography;
using System.Text;
using ShipSec.Activities.Core.Report;
using ShipSec.Activities.Tests.Support;

namespace ShipSec.Activities.Tests.Core;

public class MarkdownReportModuleTests
{
    private static readonly object DnsOutput = new
    {
        records = new object[]
        {
            new { hostname = "app.example.test", type = "A", value = "192.0.2.10", ttl = 60 },
            new { hostname = "www.example.test", type = "CNAME", value = "app.example.test", ttl = 120 },
        },
        resolved = new[] { "app.example.test", "www.example.test" },
        unresolved = new[] { "ghost.example.test" },
    };

    private static readonly object[] ProbeFindings =
    [
        new { asset = "https://app.example.test/login", kind = "http.hsts-missing", severity = "low", title = "HSTS header is missing", evidence = "no header" },
        new { asset = "app.example.test:443", kind = "tls.expired", severity = "high", title = "TLS certificate has expired", evidence = "notAfter 2020-01-01" },
    ];

    private static readonly object HttpOutput = new
    {
        responses = new object[]
        {
            new
            {
                target = "app.example.test", url = "https://app.example.test/", finalUrl = "https://app.example.test/login", status = 200,
                title = "Sign in", server = "nginx", tls = new { subject = "CN=app", notAfter = "2030-01-31T00:00:00Z", daysUntilExpiry = 400 },
            },
            new { target = "down.example.test", url = "http://down.example.test/", error = "Connection refused" },
        },
        alive = new[] { "https://app.example.test/login" },
        findings = ProbeFindings,
    };

    [Test]
    public async Task Report_shows_dns_records_probed_urls_and_findings_most_severe_first()
    {
        var context = TestModuleContext.For(Module(), inputs: new { dns = DnsOutput, http = HttpOutput }, parameters: new { title = "Weekly perimeter" });

        var result = await context.Run();

        var markdown = result.Output<string>("markdown");
        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.StartWith("# Weekly perimeter\n"));
            Assert.That(markdown, Does.Contain("| `app.example.test` | A | `192.0.2.10` | 60 |"));
            Assert.That(markdown, Does.Contain("| `www.example.test` | CNAME | `app.example.test` | 120 |"));
            Assert.That(markdown, Does.Contain("Unresolved: `ghost.example.test`"));
            Assert.That(markdown, Does.Contain("| `https://app.example.test/login` | 200 | Sign in | nginx | 2030-01-31 (400 days) |"));
            Assert.That(markdown, Does.Contain("- `http://down.example.test/`: Connection refused"));
            Assert.That(markdown, Does.Contain("| Hostnames resolved | 2 of 3 |"));
            Assert.That(markdown, Does.Contain("| Findings | 2 (1 high, 1 low) |"));
        });
        Assert.That(markdown.IndexOf("**HIGH**", StringComparison.Ordinal), Is.LessThan(markdown.IndexOf("**LOW**", StringComparison.Ordinal)));
    }

    [Test]
    public async Task A_finding_wired_both_with_the_whole_probe_output_and_into_findings_is_listed_once()
    {
        var context = TestModuleContext.For(Module(), inputs: new { http = HttpOutput, findings = ProbeFindings });

        var result = await context.Run();

        var markdown = result.Output<string>("markdown");
        Assert.That(markdown, Does.Contain("| Findings | 2 (1 high, 1 low) |"));
        Assert.That(Occurrences(markdown, "- **HIGH** `app.example.test:443`: TLS certificate has expired (notAfter 2020-01-01)"), Is.EqualTo(1));
        Assert.That(Occurrences(markdown, "- **LOW** `https://app.example.test/login`: HSTS header is missing (no header)"), Is.EqualTo(1));
    }

    [Test]
    public async Task Distinct_findings_on_the_same_asset_are_all_listed()
    {
        var context = TestModuleContext.For(Module(), inputs: new
        {
            findings = new[]
            {
                new { asset = "shop.example.test:443", kind = "tls.self-signed", severity = "medium", title = "TLS certificate is self-signed", evidence = "subject = issuer = CN=shop" },
                new { asset = "shop.example.test:443", kind = "tls.expiring", severity = "medium", title = "TLS certificate expires in 20 days", evidence = "notAfter 2026-01-22" },
                new { asset = "shop.example.test:443", kind = "vuln.nuclei.tech-detect", severity = "info", title = "Wappalyzer Technology Detection", evidence = "template tech-detect; matcher nginx" },
                new { asset = "shop.example.test:443", kind = "vuln.nuclei.tech-detect", severity = "info", title = "Wappalyzer Technology Detection", evidence = "template tech-detect; matcher php" },
            },
        });

        var result = await context.Run();

        var markdown = result.Output<string>("markdown");
        Assert.That(markdown, Does.Contain("| Findings | 4 (2 medium, 2 info) |"));
        Assert.That(markdown, Does.Contain("- **MEDIUM** `shop.example.test:443`: TLS certificate is self-signed"));
        Assert.That(markdown, Does.Contain("- **MEDIUM** `shop.example.test:443`: TLS certificate expires in 20 days"));
        Assert.That(markdown, Does.Contain("Wappalyzer Technology Detection (template tech-detect; matcher nginx)"));
        Assert.That(markdown, Does.Contain("Wappalyzer Technology Detection (template tech-detect; matcher php)"));
    }

    [Test]
    public async Task Report_is_stored_as_a_markdown_artifact_whose_id_is_an_output()
    {
        var context = TestModuleContext.For(Module(), inputs: new { dns = DnsOutput });

        var result = await context.Run();

        var artifact = context.Artifacts.Single();
        Assert.That(artifact.Info.Name, Is.EqualTo("report.md"));
        Assert.That(artifact.Info.ContentType, Is.EqualTo("text/markdown"));
        Assert.That(Encoding.UTF8.GetString(artifact.Content), Is.EqualTo(result.Output<string>("markdown")));
        Assert.That(artifact.Info.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(artifact.Content))));
        Assert.That(result.Output<string>("artifactId"), Is.EqualTo(artifact.Info.ArtifactId));
    }

    [Test]
    public async Task Report_accepts_list_ports_instead_of_whole_outputs()
    {
        var context = TestModuleContext.For(Module(), inputs: new
        {
            dns = new[] { new { hostname = "a.example.test", type = "A", value = "192.0.2.5", ttl = 30 } },
            http = new[] { new { url = "http://a.example.test/", finalUrl = "http://a.example.test/", status = 403, title = "Forbidden" } },
            findings = new[] { new { asset = "a.example.test", kind = "custom", severity = "critical", title = "Default credentials", evidence = "admin/admin" } },
        });

        var result = await context.Run();

        var markdown = result.Output<string>("markdown");
        Assert.That(markdown, Does.Contain("| `a.example.test` | A | `192.0.2.5` | 30 |"));
        Assert.That(markdown, Does.Contain("| `http://a.example.test/` | 403 | Forbidden |"));
        Assert.That(markdown, Does.Contain("- **CRITICAL** `a.example.test`: Default credentials (admin/admin)"));
    }

    [Test]
    public async Task Report_escapes_markup_taken_from_scanned_pages()
    {
        var context = TestModuleContext.For(Module(), inputs: new
        {
            http = new[] { new { url = "http://evil.test/", finalUrl = "http://evil.test/", status = 200, title = "<script>alert(1)</script> | [x](javascript:y)" } },
        });

        var result = await context.Run();

        var markdown = result.Output<string>("markdown");
        Assert.That(markdown, Does.Not.Contain("<script>"));
        Assert.That(markdown, Does.Contain(@"\<script\>alert(1)\</script\> \| \[x\](javascript:y)"));
    }

    [Test]
    public async Task Report_renders_other_data_as_sections_tables_and_lists()
    {
        var context = TestModuleContext.For(Module(), inputs: new
        {
            data = new
            {
                ports = new[] { new { host = "192.0.2.5", port = 22, service = "ssh" }, new { host = "192.0.2.5", port = 443, service = "https" } },
                notes = new[] { "scanned from lab", "no auth" },
            },
        });

        var result = await context.Run();

        var markdown = result.Output<string>("markdown");
        Assert.That(markdown, Does.Contain("### ports"));
        Assert.That(markdown, Does.Contain("| host | port | service |"));
        Assert.That(markdown, Does.Contain("| 192.0.2.5 | 443 | https |"));
        Assert.That(markdown, Does.Contain("- scanned from lab"));
        Assert.That(markdown, Does.Contain("No findings."));
    }

    private static int Occurrences(string text, string value) => text.Split(value).Length - 1;

    private static MarkdownReportModule Module() => new(new FixedClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
}
