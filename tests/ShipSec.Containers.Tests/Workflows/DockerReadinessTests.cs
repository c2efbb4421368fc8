using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShipSec.Containers.Tests.Support;
using ShipSec.Containers.Tests.Workflows.Support;
using ShipSec.Runtime.Containers;
using ShipSec.Runtime.Health;
using ShipSec.Server.Tests.Infrastructure;

namespace ShipSec.Containers.Tests.Workflows;

/// <summary>
/// <c>GET /api/v1/health/ready</c> reports the Docker daemon as the component <c>docker</c>; only a process that runs modules with an
/// operator-configured endpoint stops being ready without it. Only the first test needs a daemon.
/// </summary>
public sealed class DockerReadinessTests
{
    private static string MissingSocket => $"unix://{Path.Combine(Path.GetTempPath(), $"no-docker-{Guid.NewGuid():N}.sock")}";

    [Test]
    public async Task A_reachable_daemon_is_reported_ok_with_its_version()
    {
        await DockerHost.RequireDaemon();
        using var server = new ContainerServer();

        var (status, body) = await ReadinessOnceTheBusRuns(server);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)body["checks"]!["docker"]!["status"], Is.EqualTo("ok"));
            Assert.That((string?)body["checks"]!["docker"]!["description"], Does.StartWith("Docker ").And.Contain(DockerHost.Endpoint));
        });
    }

    [Test]
    public async Task A_worker_whose_configured_daemon_does_not_answer_is_not_ready()
    {
        var endpoint = MissingSocket;
        using var server = new ContainerServer(new Dictionary<string, string> { ["ShipSec:Docker:Endpoint"] = endpoint });

        var (status, body) = await ReadinessOnceTheBusRuns(server);

        var docker = body["checks"]!["docker"]!;
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That((string?)body["status"], Is.EqualTo("not ready"));
            Assert.That((string?)docker["status"], Is.EqualTo("unreachable"));
            Assert.That((string?)docker["description"], Does.Contain(endpoint).And.Contain("ShipSec__Docker__Endpoint"));
            Assert.That((string?)body["checks"]!["database"]!["status"], Is.EqualTo("ok"));
        });
    }

    [Test]
    public async Task Without_a_configured_endpoint_a_missing_daemon_is_reported_not_configured_and_the_server_stays_ready()
    {
        var endpoint = MissingSocket;
        // The embedded default: no endpoint configured (an empty value counts as none); the default socket is swapped for one
        // that cannot exist, as on a machine without Docker.
        using var server = new ContainerServer(
            new Dictionary<string, string> { ["ShipSec:Docker:Endpoint"] = "" },
            services => services.PostConfigure<DockerOptions>(options => options.Endpoint = endpoint));

        var (status, body) = await ReadinessOnceTheBusRuns(server);

        var docker = body["checks"]!["docker"]!;
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)body["status"], Is.EqualTo("ready"));
            Assert.That((string?)docker["status"], Is.EqualTo("not configured"));
            Assert.That((string?)docker["description"], Does.Contain(endpoint).And.Contain("ShipSec__Docker__Endpoint"));
        });
    }

    [TestCase("api", ExpectedResult = false)]
    [TestCase("collector", ExpectedResult = false)]
    [TestCase("worker", ExpectedResult = true)]
    [TestCase("all", ExpectedResult = true)]
    public bool Only_a_process_that_runs_modules_requires_its_configured_daemon(string role) =>
        DockerRequirement.From(Configuration(("ShipSec:Role", role), ("ShipSec:Docker:Endpoint", "tcp://docker.internal:2375"))).Required;

    [Test]
    public async Task A_process_that_runs_no_modules_reports_an_unreachable_daemon_without_failing_readiness()
    {
        // An api or collector process (these need RabbitMQ to be hosted, so the check is exercised directly).
        var endpoint = MissingSocket;
        var options = Options.Create(new DockerOptions { Endpoint = endpoint });
        using var runner = new DockerRunner(options, NullLogger<DockerRunner>.Instance);
        var check = new DockerHealthCheck(runner, options,
            DockerRequirement.From(Configuration(("ShipSec:Role", "api"), ("ShipSec:Docker:Endpoint", endpoint))));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(result.Data[DockerHealthCheck.StateKey], Is.EqualTo("unreachable"));
            Assert.That(result.Description, Does.Contain(endpoint));
        });
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    /// <summary>Readiness once the in-memory bus has started (it reports unhealthy for a moment at startup).</summary>
    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadinessOnceTheBusRuns(ContainerServer server)
    {
        using var http = server.CreateClient();
        var api = new ApiClient(http);
        var (status, body) = await ApiClient.WaitForAsync(() => api.SendAsync(HttpMethod.Get, "/api/v1/health/ready"),
            r => (string?)r.Body?["checks"]?["bus"]?["status"] == "ok", "the bus to be ready");
        return (status, body!);
    }
}
