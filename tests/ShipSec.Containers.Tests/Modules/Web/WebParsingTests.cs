using ShipSec.Activities.Web.ContentDiscovery;
using ShipSec.Activities.Web.Wafw00f;
using ShipSec.Activities.Web.WhatWeb;
using ShipSec.Containers.Tests.Support;

namespace ShipSec.Containers.Tests.Modules.Web;

public class WebParsingTests
{
    [Test]
    public void Whatweb_log_gives_status_title_and_technologies_without_request_metadata()
    {
        using var json = Samples.Open("whatweb-two-targets.json");

        var results = WhatWebJson.Parse(json);

        var python = results.Single(r => r.Target == "http://127.0.0.1:18080");
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Target), Is.EqualTo(new[] { "http://127.0.0.1:18080", "https://127.0.0.1:18443" }));
            Assert.That(python.Status, Is.EqualTo(200));
            Assert.That(python.Title, Is.EqualTo("Directory listing for /"));
            Assert.That(python.Technologies.Select(t => t.Name), Is.EqualTo(new[] { "HTML5", "HTTPServer", "Python" }));
            Assert.That(python.Technologies.Single(t => t.Name == "Python").Versions, Is.EqualTo(new[] { "3.11.7" }));
            Assert.That(python.Technologies.Single(t => t.Name == "HTTPServer").Details, Is.EqualTo(new[] { "SimpleHTTP/0.6 Python/3.11.7" }));
        });
    }

    [Test]
    public void Wafw00f_output_names_the_firewall_only_when_one_was_detected()
    {
        using var json = Samples.Open("wafw00f-cloudflare.json");

        var results = Wafw00fJson.Parse(json);

        Assert.That(results, Is.EqualTo(new[]
        {
            new WafDetection("https://shop.example", true, "Cloudflare", "Cloudflare Inc."),
            new WafDetection("http://intranet.example", false, null, null),
        }));
    }

    [Test]
    public void Ffuf_output_gives_each_found_url_with_its_path_status_and_redirect()
    {
        using var json = Samples.Open("ffuf-1.1.0.json");

        var results = FfufJson.Parse(json);

        Assert.That(results, Is.EqualTo(new[]
        {
            new DiscoveredContent("http://127.0.0.1:18080/c.pem", "/c.pem", 200, 1204, 3, 21, null),
            new DiscoveredContent("http://127.0.0.1:18080/k.pem", "/k.pem", 200, 1704, 5, 29, null),
            new DiscoveredContent("http://127.0.0.1:18080/ww", "/ww", 301, 0, 1, 1, "/ww/"),
        }));
    }

    [TestCase("scan.example", "http://scan.example")]
    [TestCase("https://scan.example/", "https://scan.example")]
    [TestCase("https://scan.example/app/", "https://scan.example/app")]
    public void Content_discovery_builds_on_a_base_url_without_trailing_slash(string target, string expected) =>
        Assert.That(ContentDiscoveryModule.BaseUrl(target), Is.EqualTo(expected));
}
