using ShipSec.Activities.Network.Naabu;
using ShipSec.Activities.Recon.Dnsx;
using ShipSec.Activities.Recon.Subfinder;
using ShipSec.Activities.Vuln.Nuclei;
using ShipSec.Activities.Web.Httpx;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Findings;

namespace ShipSec.Containers.Tests.Modules.ProjectDiscovery;

/// <summary>The JSON-lines parsers of the ProjectDiscovery tools, on outputs written for these tests after the tools' formats.</summary>
public class ProjectDiscoveryParsingTests
{
    [Test]
    public void Subfinder_lines_merge_per_host_with_their_sources_and_skip_noise()
    {
        var lines = JsonLines.Parse(Samples.Lines("subfinder.jsonl"), out var skipped);

        var subdomains = SubfinderJsonl.Parse(lines);

        Assert.Multiple(() =>
        {
            Assert.That(skipped, Is.EqualTo(1));
            Assert.That(subdomains, Is.EqualTo(new[]
            {
                new Subdomain("api.shipsec.test", "shipsec.test", ["crtsh", "hackertarget"]),
                new Subdomain("mail.shipsec.test", "shipsec.test", ["crtsh"]),
                new Subdomain("www.shipsec.test", "shipsec.test", ["alienvault"]),
            }).Using<Subdomain>((a, b) => a.Host == b.Host && a.Domain == b.Domain && a.Sources.SequenceEqual(b.Sources)));
        });
    }

    [Test]
    public void Dnsx_lines_become_one_record_per_answer_and_keep_each_names_status()
    {
        var (records, hosts) = DnsxJsonl.Parse(JsonLines.Parse(Samples.Lines("dnsx.jsonl"), out _));

        Assert.Multiple(() =>
        {
            Assert.That(records, Is.EquivalentTo(new[]
            {
                new DnsxRecord("www.shipsec.test", "A", "10.20.30.40"),
                new DnsxRecord("www.shipsec.test", "A", "10.20.30.41"),
                new DnsxRecord("www.shipsec.test", "CNAME", "edge.shipsec.test"),
                new DnsxRecord("shipsec.test", "MX", "mail.shipsec.test"),
                new DnsxRecord("shipsec.test", "TXT", "v=spf1 -all"),
                new DnsxRecord("shipsec.test", "SOA", "ns1.shipsec.test"),
            }));
            Assert.That(hosts.Select(h => (h.Host, h.StatusCode)), Is.EqualTo(new[]
            {
                ("www.shipsec.test", "NOERROR"), ("shipsec.test", "NOERROR"), ("missing.shipsec.test", "NXDOMAIN"),
            }));
        });
    }

    [Test]
    public void Httpx_lines_give_live_services_and_drop_failed_probes()
    {
        var responses = HttpxJsonl.Parse(JsonLines.Parse(Samples.Lines("httpx.jsonl"), out _));

        Assert.Multiple(() =>
        {
            Assert.That(responses.Select(r => r.Url), Is.EqualTo(new[] { "https://app.shipsec.test", "http://legacy.shipsec.test" }));
            var app = responses[0];
            Assert.That((app.Status, app.Title, app.WebServer, app.ContentLength), Is.EqualTo(((int?)200, "Sign in", "nginx/1.24.0", (long?)5120)));
            Assert.That(app.Technologies, Is.EqualTo(new[] { "Nginx:1.24.0", "React" }));
            Assert.That(HttpxJsonl.Findings(responses[1]).Select(f => f.Kind), Is.EqualTo(new[] { "web.http-service", "http.cleartext" }));
        });
    }

    [Test]
    public void Naabu_lines_in_both_port_formats_give_distinct_open_ports()
    {
        var ports = NaabuJsonl.Parse(JsonLines.Parse(Samples.Lines("naabu.jsonl"), out _));

        Assert.That(ports.Select(p => p.Endpoint), Is.EqualTo(new[] { "10.20.30.41:8080", "app.shipsec.test:22", "app.shipsec.test:443" }));
    }

    [Test]
    public void Nuclei_matches_keep_template_severity_and_location_and_become_findings()
    {
        var matches = NucleiJsonl.Parse(JsonLines.Parse(Samples.Lines("nuclei.jsonl"), out _));

        var git = matches.Single(m => m.TemplateId == "git-config");
        Assert.Multiple(() =>
        {
            Assert.That(matches.Select(m => m.Severity), Is.EqualTo(new[] { "medium", "info", "critical", "info" }), "unknown severities read as info");
            Assert.That((git.Name, git.MatchedAt, git.Host), Is.EqualTo(("Git Configuration - Detect", "https://app.shipsec.test/.git/config", "https://app.shipsec.test")));
            Assert.That(git.ExtractedResults, Is.EqualTo(new[] { "[core]" }));
            Assert.That(git.Tags, Is.EqualTo(new[] { "config", "git", "exposure" }));
            Assert.That(NucleiJsonl.Finding(git), Is.EqualTo(new Finding("https://app.shipsec.test/.git/config", "vuln.nuclei.git-config", FindingSeverity.Medium,
                "Git Configuration - Detect", "template git-config; extracted [core]")));
            Assert.That(NucleiJsonl.CountBySeverity(matches), Is.EqualTo(new Dictionary<string, int>
            {
                ["critical"] = 1, ["high"] = 0, ["medium"] = 1, ["low"] = 0, ["info"] = 2,
            }));
        });
    }

    [Test]
    public void A_nuclei_statistics_line_is_progress_and_a_match_line_is_not()
    {
        Assert.Multiple(() =>
        {
            Assert.That(NucleiJsonl.Stats(Samples.Lines("nuclei-stats.line").Single()), Is.EqualTo(new NucleiStats(420, 1000, 42, 3)));
            Assert.That(NucleiJsonl.Stats(Samples.Lines("nuclei.jsonl")[0]), Is.Null);
            Assert.That(NucleiJsonl.Stats("[INF] Templates loaded for current scan: 120"), Is.Null);
        });
    }
}
