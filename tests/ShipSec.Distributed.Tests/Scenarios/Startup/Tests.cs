using System.Net;
using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;

namespace ShipSec.Distributed.Tests.Scenarios.Startup;

/// <summary>Starting a server: migrations and readiness on the production profile; the studio from any working folder.</summary>
public sealed class Tests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task A_server_refuses_to_start_on_a_schema_that_is_behind_when_auto_migrate_is_off()
    {
        await using var cluster = await Cluster.CreateAsync("behind");

        var server = cluster.Launch("all", new Dictionary<string, string> { ["ShipSec__Database__AutoMigrate"] = "false" });
        var exitCode = await server.WaitExitAsync();

        Assert.That(exitCode, Is.Not.EqualTo(0));
        Assert.That(server.Output, Does.Contain("schema is behind").And.Contain("AutoMigrate"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Ready_checks_the_database_and_the_broker()
    {
        await using var cluster = await Cluster.CreateAsync("ready");
        var server = await cluster.StartAsync("api");

        (HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body) ready = default;
        await Api.WaitUntilAsync(async () => (ready = await new Api(server.Http).ReadyAsync()).Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "/health/ready");

        Assert.That((string?)ready.Body!["checks"]!["database"]!["status"], Is.EqualTo("ok"));
        Assert.That((string?)ready.Body!["checks"]!["database"]!["description"], Does.Contain("PostgreSQL"));
        Assert.That((string?)ready.Body!["checks"]!["bus"]!["status"], Is.EqualTo("ok"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_built_server_started_from_another_folder_serves_the_studio()
    {
        var folder = Directory.CreateTempSubdirectory("shipsec-elsewhere-");
        try
        {
            using var server = ServerProcess.Start("all", new Dictionary<string, string> { ["ShipSec__DataPath"] = Path.Combine(folder.FullName, "data") },
                workingDirectory: folder.FullName);
            await server.WaitStartedAsync();

            using var page = await server.Http.GetAsync("/studio/");
            using var script = await server.Http.GetAsync("/studio/js/app.js");

            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), server.Output);
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("<html"));
            Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
