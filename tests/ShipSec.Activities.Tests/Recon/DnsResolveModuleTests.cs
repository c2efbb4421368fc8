using ShipSec.Activities.Recon.Dns;
using ShipSec.Activities.Tests.Support;
using ShipSec.Modules;

namespace ShipSec.Activities.Tests.Recon;

public class DnsResolveModuleTests
{
    // Documentation address ranges (RFC 5737 / RFC 3849): records only, nothing connects to them.
    private static readonly ZoneRecord[] Zone =
    [
        new("example.test", "A", "192.0.2.1", 3600),
        new("example.test", "MX", "10 mail.example.test"),
        new("example.test", "TXT", "v=spf1 -all"),
        new("example.test", "NS", "ns1.example.test"),
        new("app.example.test", "A", "192.0.2.10", 60),
        new("app.example.test", "AAAA", "2001:db8::10", 60),
        new("www.example.test", "CNAME", "app.example.test", 120),
        new("mail.example.test", "MX", "5 mx.example.test"),
    ];

    private AuthoritativeDnsServer _dns = null!;

    [OneTimeSetUp]
    public void StartDns() => _dns = new AuthoritativeDnsServer(Zone);

    [OneTimeTearDown]
    public async Task StopDns() => await _dns.DisposeAsync();

    [Test]
    public async Task Resolve_returns_records_of_every_requested_type()
    {
        var context = Context(new { hostnames = new[] { "example.test", "app.example.test" } }, new { recordTypes = new[] { "A", "AAAA", "CNAME", "MX", "TXT", "NS" } });

        var result = await context.Run();

        var records = result.Output<List<DnsRecord>>("records");
        Assert.That(records, Is.SupersetOf(new[]
        {
            new DnsRecord("example.test", "A", "192.0.2.1", 3600),
            new DnsRecord("example.test", "MX", "10 mail.example.test", 300),
            new DnsRecord("example.test", "TXT", "v=spf1 -all", 300),
            new DnsRecord("example.test", "NS", "ns1.example.test", 300),
            new DnsRecord("app.example.test", "A", "192.0.2.10", 60),
            new DnsRecord("app.example.test", "AAAA", "2001:db8::10", 60),
        }));
        Assert.That(result.Output<string[]>("resolved"), Is.EqualTo(new[] { "example.test", "app.example.test" }));
    }

    [Test]
    public async Task Resolve_lists_a_cname_and_its_target_addresses_under_the_hostname_asked_for()
    {
        var context = Context(new { hostnames = new[] { "www.example.test" } });

        var result = await context.Run();

        var records = result.Output<List<DnsRecord>>("records");
        Assert.That(records, Does.Contain(new DnsRecord("www.example.test", "CNAME", "app.example.test", 120)));
        Assert.That(records, Does.Contain(new DnsRecord("www.example.test", "A", "192.0.2.10", 60)));
        Assert.That(result.Output<string[]>("resolved"), Is.EqualTo(new[] { "www.example.test" }));
    }

    [Test]
    public async Task Resolve_puts_nxdomain_and_address_less_hostnames_in_unresolved()
    {
        var context = Context(new { hostnames = new[] { "app.example.test", "ghost.example.test", "mail.example.test" } });

        var result = await context.Run();

        Assert.That(result.Output<string[]>("resolved"), Is.EqualTo(new[] { "app.example.test" }));
        Assert.That(result.Output<string[]>("unresolved"), Is.EqualTo(new[] { "ghost.example.test", "mail.example.test" }));
        Assert.That(context.Logs.Select(l => l.Line), Has.Some.EqualTo("ghost.example.test: NXDOMAIN"));
    }

    [Test]
    public async Task Resolve_accepts_a_single_hostname_and_urls_and_keeps_entries_as_given()
    {
        var single = await Context(new { hostnames = "App.Example.Test." }).Run();
        var urls = await Context(new { hostnames = new[] { "https://app.example.test/login", "app.example.test:8443" } }).Run();

        Assert.That(single.Output<string[]>("resolved"), Is.EqualTo(new[] { "App.Example.Test." }));
        Assert.That(single.Output<List<DnsRecord>>("records").Select(r => r.Hostname), Has.All.EqualTo("app.example.test"));
        Assert.That(urls.Output<string[]>("resolved"), Is.EqualTo(new[] { "https://app.example.test/login", "app.example.test:8443" }));
    }

    [Test]
    public async Task Resolve_reports_progress_per_hostname()
    {
        var context = Context(new { hostnames = new[] { "example.test", "app.example.test", "ghost.example.test" } });

        await context.Run();

        Assert.That(context.ProgressReports.Select(p => p.Current), Is.EquivalentTo(new long?[] { 1, 2, 3 }));
        Assert.That(context.ProgressReports.Select(p => p.Total), Has.All.EqualTo(3));
        Assert.That(context.ProgressReports.Last().Message, Is.EqualTo("resolved 3/3"));
    }

    [Test]
    public async Task Resolve_passes_localhost_and_ip_literals_through_without_asking_dns()
    {
        var before = _dns.Queries;
        var context = Context(new { hostnames = new[] { "localhost", "127.0.0.1:8080", "::1" } });

        var result = await context.Run();

        Assert.That(result.Output<string[]>("resolved"), Is.EqualTo(new[] { "localhost", "127.0.0.1:8080", "::1" }));
        Assert.That(result.Output<List<DnsRecord>>("records"), Does.Contain(new DnsRecord("localhost", "A", "127.0.0.1", 0)));
        Assert.That(result.Output<List<DnsRecord>>("records"), Does.Contain(new DnsRecord("::1", "AAAA", "::1", 0)));
        Assert.That(_dns.Queries, Is.EqualTo(before));
    }

    [Test]
    public async Task Resolve_with_no_resolver_answering_is_a_retryable_network_error()
    {
        var context = TestModuleContext.For(new DnsResolveModule(),
            inputs: new { hostnames = new[] { "example.test" } },
            parameters: new { resolvers = new[] { $"127.0.0.1:{ClosedUdpPort()}" }, timeoutMs = 300 });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Network));
        Assert.That(error.Retryable, Is.True);
    }

    [TestCase("SOA")]
    [TestCase("PTR")]
    public async Task Resolve_rejects_an_unsupported_record_type(string type)
    {
        var context = Context(new { hostnames = new[] { "example.test" } }, new { recordTypes = new[] { "A", type } });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
        Assert.That(error.Message, Does.Contain(type));
    }

    [TestCase("dns.example.test")]
    [TestCase("127.0.0.1:99999")]
    public async Task Resolve_rejects_a_resolver_that_is_not_an_ip_with_optional_port(string resolver)
    {
        var context = TestModuleContext.For(new DnsResolveModule(), inputs: new { hostnames = new[] { "example.test" } }, parameters: new { resolvers = new[] { resolver } });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
    }

    [Test]
    public void Resolve_defaults_to_A_AAAA_and_CNAME()
    {
        var parameter = new DnsResolveModule().Descriptor.Parameters.Single(p => p.Id == "recordTypes");

        Assert.That(parameter.Default!.Value.EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "A", "AAAA", "CNAME" }));
    }

    private TestModuleContext Context(object inputs, object? parameters = null)
    {
        var merged = new Dictionary<string, object?> { ["resolvers"] = new[] { _dns.Endpoint }, ["timeoutMs"] = 2000 };
        if (parameters is not null)
        {
            foreach (var property in parameters.GetType().GetProperties())
                merged[property.Name] = property.GetValue(parameters);
        }
        return TestModuleContext.For(new DnsResolveModule(), inputs, merged);
    }

    private static int ClosedUdpPort()
    {
        using var socket = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
