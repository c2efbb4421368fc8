using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Contracts.Json;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Tests.Sdk;

public class ComponentDescriptorBuilderTests
{
    [Test]
    public void Builder_produces_ports_parameters_with_typed_defaults_runner_and_timeout()
    {
        var descriptor = ComponentDescriptorBuilder.Create("recon.example", "Example")
            .Category("recon")
            .Description("An example.")
            .Input("targets", "Targets", ConnectionType.ListOf(ConnectionType.Text), required: true)
            .Output("found", "Found", ConnectionType.Number)
            .TextParameter("mode", "Mode", "fast")
            .NumberParameter("rate", "Rate", 100, min: 1, max: 1000)
            .BooleanParameter("verbose", "Verbose", false)
            .MultiSelectParameter("types", "Types", ["A", "MX"], ["A"])
            .RunsInDocker("projectdiscovery/subfinder:v2.6.6", network: "bridge")
            .DefaultTimeout(TimeSpan.FromMinutes(5))
            .Build();

        var json = JsonSerializer.SerializeToElement(descriptor, ShipSecJson.Options);

        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("inputs")[0].GetProperty("connectionType").GetProperty("kind").GetString(), Is.EqualTo("list"));
            Assert.That(json.GetProperty("inputs")[0].GetProperty("required").GetBoolean(), Is.True);
            Assert.That(json.GetProperty("outputs")[0].GetProperty("id").GetString(), Is.EqualTo("found"));
            var parameters = json.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
            Assert.That(parameters["mode"].GetProperty("default").GetString(), Is.EqualTo("fast"));
            Assert.That(parameters["rate"].GetProperty("default").GetDouble(), Is.EqualTo(100));
            Assert.That(parameters["rate"].GetProperty("max").GetDouble(), Is.EqualTo(1000));
            Assert.That(parameters["verbose"].GetProperty("type").GetString(), Is.EqualTo("boolean"));
            Assert.That(parameters["verbose"].GetProperty("default").GetBoolean(), Is.False);
            Assert.That(parameters["types"].GetProperty("type").GetString(), Is.EqualTo("multi-select"));
            Assert.That(parameters["types"].GetProperty("options").GetArrayLength(), Is.EqualTo(2));
            Assert.That(parameters["types"].GetProperty("default")[0].GetString(), Is.EqualTo("A"));
            Assert.That(json.GetProperty("runner").GetProperty("kind").GetString(), Is.EqualTo("docker"));
            Assert.That(json.GetProperty("runner").GetProperty("image").GetString(), Is.EqualTo("projectdiscovery/subfinder:v2.6.6"));
            Assert.That(json.GetProperty("defaultTimeoutSeconds").GetInt32(), Is.EqualTo(300));
        });
    }

    [Test]
    public void Builder_rejects_a_port_declared_twice()
    {
        var builder = ComponentDescriptorBuilder.Create("core.twice", "Twice")
            .Category("core")
            .Description("Declares an input twice.")
            .Input("text", "Text", ConnectionType.Text)
            .Input("text", "Text again", ConnectionType.Text);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.That(error!.Message, Does.Contain("input 'text' twice"));
    }

    [Test]
    public void Builder_rejects_a_descriptor_without_category()
    {
        var builder = ComponentDescriptorBuilder.Create("core.nocategory", "No category").Description("Has no category.");

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.That(error!.Message, Does.Contain("category"));
    }

    [Test]
    public void Builder_rejects_a_docker_runner_without_image()
    {
        var builder = ComponentDescriptorBuilder.Create("recon.noimage", "No image").Category("recon").Description("Docker without image.").RunsInDocker("");

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }
}
