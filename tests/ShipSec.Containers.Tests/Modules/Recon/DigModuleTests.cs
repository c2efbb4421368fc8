using ShipSec.Activities.Recon.Dig;
using ShipSec.Activities.Tests.Support;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Modules.Recon;

/// <summary>dig in its container, on the host network, asking the test's own DNS server on 127.0.0.1.</summary>
public class DigModuleTests
{
    private DockerRunner _runner = null!;
    private AuthoritativeDnsServer _dns = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _runner = await DockerHost.Runner();
        await DockerHost.RequireLocalImage(_runner.Client, "shipsec/dig:local");
        _dns = new AuthoritativeDnsServer(
        [
            new ZoneRecord("app.scan.test", "A", "10.20.30.40"),
            new ZoneRecord("www.scan.test", "CNAME", "app.scan.test"),
            new ZoneRecord("scan.test", "MX", "10 mail.scan.test"),
            new ZoneRecord("scan.test", "TXT", "v=spf1 -all"),
        ]);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _runner?.Dispose();
        if (_dns is not null) await _dns.DisposeAsync();
    }

    [Test]
    public async Task Dig_reports_each_answer_under_the_name_asked_and_splits_resolved_from_unresolved()
    {
        var context = ContainerModuleContext.For(new DigModule(), _runner,
            inputs: new { domains = new[] { "www.scan.test", "scan.test", "missing.scan.test" } },
            parameters: new { recordTypes = new[] { "A", "MX", "TXT" }, resolver = _dns.Endpoint, timeoutSeconds = 2 });

        var result = await context.Run();

        var records = result.Output<List<DigRecord>>("records");
        Assert.Multiple(() =>
        {
            Assert.That(records, Does.Contain(new DigRecord("www.scan.test", "CNAME", "app.scan.test", 300)));
            Assert.That(records, Does.Contain(new DigRecord("www.scan.test", "A", "10.20.30.40", 300)));
            Assert.That(records, Does.Contain(new DigRecord("scan.test", "MX", "10 mail.scan.test", 300)));
            Assert.That(records, Does.Contain(new DigRecord("scan.test", "TXT", "v=spf1 -all", 300)));
            Assert.That(result.Output<List<string>>("resolved"), Is.EqualTo(new[] { "www.scan.test" }));
            Assert.That(result.Output<List<string>>("unresolved"), Is.EqualTo(new[] { "scan.test", "missing.scan.test" }));
        });
    }

    [Test]
    public async Task When_no_resolver_answers_the_lookup_fails_with_a_retryable_network_error()
    {
        var context = ContainerModuleContext.For(new DigModule(), _runner,
            inputs: new { domains = new[] { "app.scan.test" } },
            parameters: new { recordTypes = new[] { "A" }, resolver = "127.0.0.1:1", timeoutSeconds = 1 });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Network));
            Assert.That(error.Retryable, Is.True);
        });
    }

    [Test]
    public void Answer_lines_are_filed_under_the_question_and_failures_are_counted()
    {
        var answers = new DigAnswers();
        foreach (var line in new[]
        {
            ";www.scan.test.\t\t\tIN\tA",
            "www.scan.test.\t\t300\tIN\tCNAME\tapp.scan.test.",
            "app.scan.test.\t\t300\tIN\tA\t10.20.30.40",
            ";; communications error to 127.0.0.1#1: connection refused",
            ";; no servers could be reached",
        })
            answers.Add(line);

        Assert.Multiple(() =>
        {
            Assert.That(answers.Records, Is.EqualTo(new[]
            {
                new DigRecord("www.scan.test", "CNAME", "app.scan.test", 300),
                new DigRecord("www.scan.test", "A", "10.20.30.40", 300),
            }));
            Assert.That(answers.Failures, Is.EqualTo(new[] { "no servers could be reached" }));
        });
    }
}
