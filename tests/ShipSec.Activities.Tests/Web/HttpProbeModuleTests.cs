using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ShipSec.Activities.Tests.Support;
using ShipSec.Activities.Web.Probe;
using ShipSec.Modules;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Tests.Web;

public class HttpProbeModuleTests
{
    private const string CertificateName = "probe-target.shipsec.test";
    private static readonly DateTimeOffset CertificateNotAfter = DateTimeOffset.UtcNow.AddDays(90);

    private TestWebServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        var certificate = TestWebServer.SelfSignedCertificate(CertificateName, DateTimeOffset.UtcNow.AddDays(-1), CertificateNotAfter);
        _server = await TestWebServer.Start(app =>
        {
            app.Use(async (http, next) =>
            {
                http.Response.Headers.Server = "ShipSecTest/1.0";
                await next(http);
            });
            app.MapGet("/", () => Results.Content("<html><head><title>\n  Admin   Console </title></head><body>hi</body></html>", "text/html"));
            app.MapGet("/start", () => Results.Redirect("/moved"));
            app.MapGet("/moved", () => Results.Redirect("/final", permanent: true));
            app.MapGet("/final", () => Results.Content("<title>Final Page</title>", "text/html"));
            app.MapGet("/loop", () => Results.Redirect("/loop"));
            app.MapGet("/secure", (HttpContext http) =>
            {
                http.Response.Headers.StrictTransportSecurity = "max-age=31536000";
                return Results.Content("<title>Secure</title>", "text/html");
            });
        }, certificate);
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Probe_reports_status_title_server_and_content_of_a_plain_http_page()
    {
        var context = Context(new[] { _server.Http.ToString() });

        var result = await context.Run();

        var response = result.Output<List<ProbeResponse>>("responses").Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(200));
            Assert.That(response.Title, Is.EqualTo("Admin Console"));
            Assert.That(response.Server, Is.EqualTo("ShipSecTest/1.0"));
            Assert.That(response.ContentType, Is.EqualTo("text/html"));
            Assert.That(response.ContentLength, Is.GreaterThan(0));
            Assert.That(response.Tls, Is.Null);
            Assert.That(response.Error, Is.Null);
        });
        Assert.That(result.Output<string[]>("alive"), Is.EqualTo(new[] { _server.Http.ToString() }));
        Assert.That(result.Output<List<Finding>>("findings").Select(f => f.Kind), Does.Contain("http.cleartext"));
    }

    [Test]
    public async Task Probe_follows_redirects_and_records_the_chain()
    {
        var context = Context(new[] { Http("start") });

        var result = await context.Run();

        var response = result.Output<List<ProbeResponse>>("responses").Single();
        Assert.That(response.RedirectChain, Is.EqualTo(new[] { new RedirectHop(Http("start"), 302), new RedirectHop(Http("moved"), 301) }));
        Assert.That(response.FinalUrl, Is.EqualTo(Http("final")));
        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Title, Is.EqualTo("Final Page"));
        Assert.That(result.Output<string[]>("alive"), Is.EqualTo(new[] { Http("final") }));
    }

    [Test]
    public async Task Probe_without_followRedirects_reports_the_first_redirect()
    {
        var context = Context(new[] { Http("start") }, new { followRedirects = false });

        var result = await context.Run();

        var response = result.Output<List<ProbeResponse>>("responses").Single();
        Assert.That(response.Status, Is.EqualTo(302));
        Assert.That(response.FinalUrl, Is.EqualTo(Http("start")));
        Assert.That(response.RedirectChain, Is.Empty);
    }

    [Test]
    public async Task Probe_stops_a_redirect_loop_at_maxRedirects()
    {
        var context = Context(new[] { Http("loop") }, new { maxRedirects = 3 });

        var result = await context.Run();

        var response = result.Output<List<ProbeResponse>>("responses").Single();
        Assert.That(response.RedirectChain, Has.Count.EqualTo(3));
        Assert.That(response.Status, Is.EqualTo(302));
        Assert.That(response.Error, Is.EqualTo("stopped after 3 redirects"));
    }

    [Test]
    public async Task Probe_captures_a_self_signed_certificate_and_reports_it()
    {
        var context = Context(new[] { _server.Https!.ToString() });

        var result = await context.Run();

        var response = result.Output<List<ProbeResponse>>("responses").Single();
        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Tls, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(response.Tls!.Subject, Is.EqualTo($"CN={CertificateName}, O=ShipSec Tests"));
            Assert.That(response.Tls.Issuer, Is.EqualTo(response.Tls.Subject));
            Assert.That(response.Tls.SelfSigned, Is.True);
            Assert.That(response.Tls.NotAfter, Is.EqualTo(CertificateNotAfter).Within(TimeSpan.FromSeconds(1)));
            Assert.That(response.Tls.DaysUntilExpiry, Is.InRange(88, 90));
            Assert.That(response.Tls.ValidationErrors, Does.Contain("RemoteCertificateNameMismatch"));
        });
        var findings = result.Output<List<Finding>>("findings");
        var asset = $"127.0.0.1:{_server.Https.Port}";
        var reported = findings.Select(f => (f.Kind, f.Asset, f.Severity)).ToList();
        Assert.That(reported, Does.Contain(("tls.self-signed", asset, "medium")));
        Assert.That(reported, Does.Contain(("tls.name-mismatch", asset, "medium")));
        Assert.That(reported, Does.Contain(("http.hsts-missing", _server.Https.ToString(), "low")));
        Assert.That(findings.Select(f => f.Kind), Has.None.EqualTo("tls.expired"));
    }

    [Test]
    public async Task Probe_reports_an_expired_certificate_as_a_high_finding()
    {
        var twoYearsLater = new FixedClock(DateTimeOffset.UtcNow.AddYears(2));
        var context = TestModuleContext.For(new HttpProbeModule(new HttpProbeOptions(), twoYearsLater), inputs: new { targets = new[] { Https("secure") } });

        var result = await context.Run();

        var response = result.Output<List<ProbeResponse>>("responses").Single();
        Assert.That(response.Tls!.DaysUntilExpiry, Is.LessThan(0));
        var findings = result.Output<List<Finding>>("findings");
        Assert.That(findings.Select(f => (f.Kind, f.Severity)), Does.Contain(("tls.expired", "high")));
        Assert.That(findings.Select(f => f.Kind), Has.None.EqualTo("http.hsts-missing"));
    }

    [Test]
    public async Task Probe_with_verifyTls_refuses_an_untrusted_certificate_as_a_per_target_error()
    {
        var context = Context(new[] { _server.Https!.ToString() }, new { verifyTls = true });

        var result = await context.Run();

        var response = result.Output<List<ProbeResponse>>("responses").Single();
        Assert.That(response.Status, Is.Null);
        Assert.That(response.Error, Does.Contain("SSL").IgnoreCase);
        Assert.That(result.Output<string[]>("alive"), Is.Empty);
    }

    [Test]
    public async Task Probe_of_a_bare_host_tries_https_first_then_http()
    {
        var plainOnly = $"127.0.0.1:{_server.Http.Port}";
        var tlsOnly = $"127.0.0.1:{_server.Https!.Port}";
        var context = Context(new[] { plainOnly, tlsOnly });

        var result = await context.Run();

        var responses = result.Output<List<ProbeResponse>>("responses");
        Assert.That(responses.Select(r => (r.Target, r.FinalUrl, r.Status)), Is.EqualTo(new[]
        {
            (plainOnly, $"http://{plainOnly}/", (int?)200),
            (tlsOnly, $"https://{tlsOnly}/", (int?)200),
        }));
    }

    [Test]
    public async Task Probe_of_an_unreachable_target_is_a_per_target_error_not_a_module_failure()
    {
        var closed = TestWebServer.ClosedPort();
        var context = Context(new[] { $"http://127.0.0.1:{closed}/", $"127.0.0.1:{closed}", _server.Http.ToString(), "gopher://127.0.0.1/" });

        var result = await context.Run();

        var responses = result.Output<List<ProbeResponse>>("responses");
        Assert.That(responses.Select(r => r.Status), Is.EqualTo(new int?[] { null, null, 200, null }));
        Assert.That(responses[0].Error, Does.Contain("refused").IgnoreCase);
        Assert.That(responses[1].Error, Does.StartWith("https: ").And.Contain("; http: "));
        Assert.That(responses[3].Error, Does.Contain("not an http or https URL"));
        Assert.That(result.Output<string[]>("alive"), Is.EqualTo(new[] { _server.Http.ToString() }));
    }

    [Test]
    public async Task Probe_reports_progress_once_per_target()
    {
        var targets = new[] { Http("final"), Http("start"), _server.Http.ToString(), Https("secure") };
        var context = Context(targets, new { concurrency = 2 });

        await context.Run();

        Assert.That(context.ProgressReports.Select(p => p.Current), Is.EquivalentTo(new long?[] { 1, 2, 3, 4 }));
        Assert.That(context.ProgressReports.Select(p => p.Message), Does.Contain("probed 4/4"));
    }

    [Test]
    public async Task Probe_without_targets_is_a_validation_error()
    {
        var context = Context(null);

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
    }

    private static TestModuleContext Context(string[]? targets, object? parameters = null) =>
        TestModuleContext.For(new HttpProbeModule(new HttpProbeOptions(), TimeProvider.System), inputs: new { targets }, parameters);

    private string Http(string path) => new Uri(_server.Http, path).ToString();

    private string Https(string path) => new Uri(_server.Https!, path).ToString();
}
