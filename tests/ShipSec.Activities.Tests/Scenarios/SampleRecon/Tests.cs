using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ShipSec.Activities.Core.Entrypoint;
using ShipSec.Activities.Core.Report;
using ShipSec.Activities.Core.Text;
using ShipSec.Activities.Recon.Dns;
using ShipSec.Activities.Tests.Support;
using ShipSec.Activities.Web.Probe;
using ShipSec.Modules;

namespace ShipSec.Activities.Tests.Scenarios.SampleRecon;

/// <summary>
/// The sample workflow entry → split → dns resolve → http probe → report, with each module's outputs handed to the next the
/// way the workflow's data edges would (whole outputs for <c>__self__</c> edges), against servers started on 127.0.0.1.
/// </summary>
public class Tests
{
    [Test]
    public async Task Sample_recon_workflow_produces_a_readable_report()
    {
        await using var dns = new AuthoritativeDnsServer([new ZoneRecord("example.test", "A", "192.0.2.1")]);
        var certificate = TestWebServer.SelfSignedCertificate("shop.shipsec.test", DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(20));
        await using var web = await TestWebServer.Start(app =>
        {
            app.MapGet("/", (HttpContext http) => http.Request.IsHttps
                ? Results.Content("<title>Shop</title>", "text/html")
                : Results.Content("<title>Staging admin</title>", "text/html"));
        }, certificate);
        var plain = $"localhost:{web.Http.Port}";
        var tls = $"127.0.0.1:{web.Https!.Port}";

        var entry = await Run(new EntrypointModule(),
            inputs: new { targets = $"{plain}\n{tls}\nghost.example.test\n" },
            parameters: new { runtimeInputs = new[] { new { id = "targets", label = "Targets", type = "text", required = true } } });
        var split = await Run(new TextSplitModule(), inputs: new { text = entry.Outputs["targets"] });
        var resolved = await Run(new DnsResolveModule(), inputs: new { hostnames = split.Outputs["items"] }, parameters: new { resolvers = new[] { dns.Endpoint } });
        var probed = await Run(new HttpProbeModule(new HttpProbeOptions(), TimeProvider.System), inputs: new { targets = resolved.Outputs["resolved"] });
        var reportContext = TestModuleContext.For(new MarkdownReportModule(TimeProvider.System),
            inputs: new { dns = resolved.AsWholeOutput(), http = probed.AsWholeOutput() },
            parameters: new { title = "Perimeter check" });
        var report = await reportContext.Run();

        var markdown = report.Output<string>("markdown");
        TestContext.Out.WriteLine(markdown);
        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.StartWith("# Perimeter check"));
            Assert.That(markdown, Does.Contain("| `localhost` | A | `127.0.0.1` | 0 |"));
            Assert.That(markdown, Does.Contain("Unresolved: `ghost.example.test`"));
            Assert.That(markdown, Does.Contain($"| `http://{plain}/` | 200 | Staging admin |"));
            Assert.That(markdown, Does.Contain($"| `https://{tls}/` | 200 | Shop |"));
            Assert.That(markdown, Does.Contain($"**MEDIUM** `{tls}`: TLS certificate is self-signed"));
            Assert.That(markdown, Does.Contain($"**MEDIUM** `{tls}`: TLS certificate expires in"));
            Assert.That(markdown, Does.Contain("| Hostnames resolved | 2 of 3 |"));
            Assert.That(reportContext.Artifacts.Single().Info.Name, Is.EqualTo("report.md"));
        });
    }

    private static Task<ModuleResult> Run(IModule module, object inputs, object? parameters = null) =>
        TestModuleContext.For(module, inputs, parameters).Run();
}
