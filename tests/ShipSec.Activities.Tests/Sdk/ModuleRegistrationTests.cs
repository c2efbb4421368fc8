using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Core;
using ShipSec.Activities.Recon;
using ShipSec.Activities.Testing;
using ShipSec.Activities.Web;
using ShipSec.Modules;

namespace ShipSec.Activities.Tests.Sdk;

public class ModuleRegistrationTests
{
    private static ServiceProvider AllModules() =>
        new ServiceCollection().AddCoreModules().AddReconModules().AddWebModules().AddTestModules().BuildServiceProvider();

    [Test]
    public void Registration_extensions_provide_every_module_to_the_catalog()
    {
        using var services = AllModules();

        var catalog = new ModuleCatalog(services.GetServices<IModule>());

        Assert.That(catalog.Descriptors.Select(d => d.Id), Is.EquivalentTo(new[]
        {
            "core.workflow.entrypoint", "core.text.split", "core.text.join", "core.http.request", "core.report.markdown",
            "core.file.loader", "recon.dns.resolve", "web.http.probe", "test.sleep", "test.fail", "test.progress", "test.echo", "test.logs",
        }));
    }

    [Test]
    public void Every_module_declares_a_known_category_and_a_description()
    {
        using var services = AllModules();
        string[] categories = ["core", "transform", "recon", "web", "report", "test"];

        foreach (var descriptor in services.GetServices<IModule>().Select(m => m.Descriptor))
        {
            Assert.That(categories, Does.Contain(descriptor.Category), descriptor.Id);
            Assert.That(descriptor.Description, Is.Not.Empty, descriptor.Id);
            Assert.That(descriptor.Name, Is.Not.Empty, descriptor.Id);
        }
    }

    [Test]
    public void Registering_the_same_family_twice_adds_each_module_once()
    {
        using var services = new ServiceCollection().AddTestModules().AddTestModules().BuildServiceProvider();

        Assert.That(services.GetServices<IModule>().Count(), Is.EqualTo(5));
    }
}
