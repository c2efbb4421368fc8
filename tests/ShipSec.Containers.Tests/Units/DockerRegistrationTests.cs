using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Units;

public class DockerRegistrationTests
{
    [Test]
    public void AddDockerRunner_binds_the_operator_keys_and_provides_the_runner_and_the_orphan_sweep()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ShipSec:Docker:Endpoint"] = "unix:///run/other.sock",
            ["ShipSec:Docker:Network"] = "host",
            ["ShipSec:Docker:PreferLocalImages"] = "true",
            ["ShipSec:Docker:Images:network.nmap.scan"] = "registry.internal/nmap:7.95",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddDockerRunner(configuration);

        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DockerOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(options.Endpoint, Is.EqualTo("unix:///run/other.sock"));
            Assert.That(options.Network, Is.EqualTo("host"));
            Assert.That(options.PreferLocalImages, Is.True);
            Assert.That(options.Images["network.nmap.scan"], Is.EqualTo("registry.internal/nmap:7.95"));
            Assert.That(provider.GetRequiredService<IContainerRunner>(), Is.SameAs(provider.GetRequiredService<DockerRunner>()));
            Assert.That(provider.GetServices<IHostedService>().OfType<DockerOrphanSweep>(), Has.Exactly(1).Items);
        });
    }

    [Test]
    public void Without_configuration_the_runner_uses_the_local_socket_and_the_bridge_network()
    {
        var options = new DockerOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Endpoint, Is.EqualTo("unix:///var/run/docker.sock"));
            Assert.That(options.Network, Is.EqualTo("bridge"));
            Assert.That(options.PreferLocalImages, Is.False);
        });
    }
}
