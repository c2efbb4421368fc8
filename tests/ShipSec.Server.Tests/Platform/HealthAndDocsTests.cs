using System.Net;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;

namespace ShipSec.Server.Tests.Platform;

/// <summary>Liveness, readiness, the component palette, unknown routes, the OpenAPI document and the docs page.</summary>
public sealed class HealthAndDocsTests : ServerTests
{
    [Test]
    public async Task Health_reports_ok_with_the_service_name()
    {
        var health = await Api.GetOkAsync("/api/v1/health");

        Assert.That((string?)health["status"], Is.EqualTo("ok"));
        Assert.That((string?)health["service"], Is.EqualTo("shipsec-elsa"));
        Assert.That(health["timestamp"], Is.Not.Null);
    }

    [Test]
    public async Task Readiness_checks_the_database_bus_and_object_store_and_reports_docker()
    {
        var ready = await ApiClient.WaitForAsync(() => Api.SendAsync(HttpMethod.Get, "/api/v1/health/ready"),
            r => r.Status == HttpStatusCode.OK, "readiness");

        var checks = ready.Body!["checks"]!;
        Assert.That((string?)ready.Body["status"], Is.EqualTo("ready"));
        Assert.That((string?)checks["database"]!["status"], Is.EqualTo("ok"));
        Assert.That((string?)checks["bus"]!["status"], Is.EqualTo("ok"));
        Assert.That((string?)checks["objectStore"]!["status"], Is.EqualTo("ok"));
        // Docker is optional on the embedded default: reported, ok when a daemon answers at the default socket, without deciding readiness.
        Assert.That((string?)checks["docker"]!["status"], Is.AnyOf("ok", "not configured"));
    }

    [Test]
    public async Task Components_lists_installed_modules_and_describes_one()
    {
        var all = (await Api.GetOkAsync("/api/v1/components")).AsArray();
        var split = await Api.GetOkAsync("/api/v1/components/core.text.split");

        Assert.That(all.Select(c => (string?)c!["id"]), Does.Contain("core.workflow.entrypoint").And.Contain("test.sleep"));
        Assert.That((string?)split["name"], Is.Not.Empty);
        Assert.That(split["inputs"]!.AsArray().Select(p => (string?)p!["id"]), Does.Contain("text"));
        Assert.That(split["parameters"]!.AsArray().Select(p => (string?)p!["id"]), Does.Contain("separator"));
        Assert.That((string?)split["runner"]!["kind"], Is.EqualTo("inline"));
    }

    [Test]
    public async Task Unknown_component_is_a_404_problem()
    {
        var (status, problem) = await Api.SendAsync(HttpMethod.Get, "/api/v1/components/no.such.component");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)problem!["detail"], Does.Contain("no.such.component"));
    }

    [Test]
    public async Task Unknown_route_is_a_404_problem()
    {
        using var response = await Api.Http.GetAsync("/api/v1/no-such-route");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task The_openapi_document_describes_the_api_routes()
    {
        var document = await Api.GetOkAsync("/openapi/v1.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That((string?)document["openapi"], Does.StartWith("3."));
        Assert.That((string?)document["info"]!["title"], Is.EqualTo("ShipSec.Elsa API"));
        Assert.That(paths, Does.Contain("/api/v1/workflows").And.Contain("/api/v1/workflows/{id}/run")
            .And.Contain("/api/v1/workflows/runs/{runId}/trace").And.Contain("/api/v1/health"));
    }

    [Test]
    public async Task The_interactive_docs_page_is_served()
    {
        using var response = await Api.Http.GetAsync("/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("openapi/v1.json"));
    }
}
