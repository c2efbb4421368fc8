using ShipSec.Containers.Tests.Workflows.Support;
using ShipSec.Server.Tests.Infrastructure;

namespace ShipSec.Containers.Tests.Workflows;

/// <summary>The server's component palette (<c>GET /api/v1/components</c>) offers the security modules; needs no Docker daemon.</summary>
public sealed class PaletteTests
{
    private static readonly string[] ContainerModules =
    [
        "network.nmap.scan", "network.naabu.scan", "tls.sslscan", "web.whatweb", "web.wafw00f", "web.content.discovery", "web.httpx",
        "recon.dig", "recon.subfinder", "recon.dnsx", "vuln.nuclei",
    ];

    /// <summary>The categories the palette groups modules under.</summary>
    private static readonly string[] Categories = ["core", "transform", "recon", "web", "network", "tls", "vuln", "report", "test"];

    [Test]
    public async Task The_palette_lists_every_container_module_as_a_docker_component_in_a_known_category()
    {
        using var server = new ContainerServer();
        using var http = server.CreateClient();
        var api = new ApiClient(http);

        var components = (await api.GetOkAsync("/api/v1/components")).AsArray();

        var containers = components.Where(c => (string?)c!["runner"]!["kind"] == "docker").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(containers.Select(c => (string?)c!["id"]), Is.EquivalentTo(ContainerModules));
            Assert.That(containers.Select(c => (string?)c!["runner"]!["image"]), Has.All.Not.Empty);
            Assert.That(components.Select(c => (string?)c!["category"]).Distinct(), Is.SubsetOf(Categories));
        });
    }
}
