using ShipSec.Modules.Containers;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Units;

public class ImageSelectionTests
{
    private static readonly ContainerSpec Nmap = new() { Image = "instrumentisto/nmap:7.94", LocalImage = "shipsec/nmap:local", ImageKey = "network.nmap.scan" };

    [Test]
    public void The_published_image_runs_by_default() =>
        Assert.That(ImageSelection.For(Nmap, new DockerOptions()), Is.EqualTo("instrumentisto/nmap:7.94"));

    [Test]
    public void Preferring_local_images_runs_the_locally_built_stand_in() =>
        Assert.That(ImageSelection.For(Nmap, new DockerOptions { PreferLocalImages = true }), Is.EqualTo("shipsec/nmap:local"));

    [Test]
    public void An_operator_override_for_the_component_wins_over_both()
    {
        var options = new DockerOptions { PreferLocalImages = true, Images = { ["network.nmap.scan"] = "registry.internal/nmap:7.95" } };

        Assert.That(ImageSelection.For(Nmap, options), Is.EqualTo("registry.internal/nmap:7.95"));
    }

    [Test]
    public void A_module_without_a_local_stand_in_keeps_its_published_image_when_local_is_preferred() =>
        Assert.That(ImageSelection.For(Nmap with { LocalImage = null }, new DockerOptions { PreferLocalImages = true }), Is.EqualTo("instrumentisto/nmap:7.94"));

    [TestCase("projectdiscovery/nuclei", "projectdiscovery/nuclei:latest")]
    [TestCase("projectdiscovery/nuclei:v3.4.10", "projectdiscovery/nuclei:v3.4.10")]
    [TestCase("registry.local:5000/tools/nmap", "registry.local:5000/tools/nmap:latest")]
    [TestCase("ghcr.io/x/y@sha256:abc", "ghcr.io/x/y@sha256:abc")]
    public void A_pull_without_a_tag_asks_for_latest_rather_than_every_tag(string image, string expected) =>
        Assert.That(ImageSelection.PullReference(image), Is.EqualTo(expected));
}
