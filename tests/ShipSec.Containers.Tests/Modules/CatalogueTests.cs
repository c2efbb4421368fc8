using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Network;
using ShipSec.Activities.Recon;
using ShipSec.Activities.Tls;
using ShipSec.Activities.Vuln;
using ShipSec.Activities.Web;
using ShipSec.Modules;

namespace ShipSec.Containers.Tests.Modules;

/// <summary>The container module catalogue as a host registers it.</summary>
public class CatalogueTests
{
    private static readonly string[] ContainerModuleIds =
    [
        "network.nmap.scan", "network.naabu.scan", "tls.sslscan", "web.whatweb", "web.wafw00f", "web.content.discovery", "web.httpx",
        "recon.dig", "recon.subfinder", "recon.dnsx", "vuln.nuclei",
    ];

    private static ServiceProvider Registered() => new ServiceCollection()
        .AddNetworkModules().AddTlsModules().AddWebContainerModules().AddReconContainerModules().AddVulnModules()
        .BuildServiceProvider();

    [Test]
    public void The_registration_extensions_provide_every_container_module()
    {
        using var services = Registered();

        var catalog = new ModuleCatalog(services.GetServices<IModule>());

        Assert.That(catalog.Descriptors.Select(d => d.Id), Is.EquivalentTo(ContainerModuleIds));
    }

    [Test]
    public void Every_container_module_runs_in_docker_with_a_pinned_published_image_and_emits_findings()
    {
        using var services = Registered();

        foreach (var module in services.GetServices<IModule>())
        {
            var descriptor = module.Descriptor;
            Assert.Multiple(() =>
            {
                Assert.That(descriptor.Runner.Kind, Is.EqualTo("docker"), descriptor.Id);
                Assert.That(descriptor.Runner.Image, Does.Match(@":[\w.\-]+$").And.Not.EndWith(":latest"), $"{descriptor.Id} pins its image");
                Assert.That(descriptor.Outputs.Select(o => o.Id), Does.Contain("findings"), descriptor.Id);
                Assert.That(descriptor.DefaultTimeoutSeconds, Is.GreaterThan(0), descriptor.Id);
            });
        }
    }

    [Test]
    public void Every_locally_built_image_a_module_names_has_a_recipe_for_scripts_build_images()
    {
        var root = RepositoryRoot();
        var recipes = Directory.GetFiles(Path.Combine(root, "activities"), "Dockerfile", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f))) == "images")
            .Select(f => $"shipsec/{Path.GetFileName(Path.GetDirectoryName(f))}:local")
            .ToHashSet();

        Assert.That(recipes, Is.SupersetOf(new[] { "shipsec/nmap:local", "shipsec/sslscan:local", "shipsec/whatweb:local", "shipsec/wafw00f:local", "shipsec/ffuf:local", "shipsec/dig:local" }));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ShipSec.Elsa.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new AssertionException("ShipSec.Elsa.sln not found above the test directory");
    }
}
