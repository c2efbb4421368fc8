using System.Text.Json;
using ShipSec.Activities.Core.Entrypoint;
using ShipSec.Activities.Tests.Support;
using ShipSec.Contracts.Json;
using ShipSec.Modules;

namespace ShipSec.Activities.Tests.Core;

public class EntrypointModuleTests
{
    private static readonly object[] RuntimeInputs =
    [
        new { id = "domains", label = "Domains", type = "text", required = true },
        new { id = "depth", label = "Depth", type = "number", required = false, defaultValue = 2 },
        new { id = "deep", label = "Deep scan", type = "boolean", required = false },
        new { id = "targets", label = "Targets", type = "array", required = false },
        new { id = "config", label = "Config", type = "json", required = false },
        new { id = "wordlist", label = "Word list", type = "file", required = false },
        new { id = "apiKey", label = "API key", type = "secret", required = false },
    ];

    [Test]
    public void Entry_point_has_one_output_port_per_runtime_input_typed_from_the_input_type()
    {
        var module = new EntrypointModule();

        var ports = module.ResolvePorts(Params(new { runtimeInputs = RuntimeInputs }));

        Assert.That(ports.Inputs, Is.Empty);
        Assert.That(ports.Outputs.Select(p => (p.Id, p.ConnectionType.ToString())), Is.EqualTo(new[]
        {
            ("domains", "text"), ("depth", "number"), ("deep", "boolean"), ("targets", "list<any>"),
            ("config", "json"), ("wordlist", "file"), ("apiKey", "secret"),
        }));
        Assert.That(ports.Outputs[0].Label, Is.EqualTo("Domains"));
    }

    [Test]
    public void Entry_point_accepts_ShipSec_Studio_string_type_as_text()
    {
        var ports = new EntrypointModule().ResolvePorts(Params(new { runtimeInputs = new[] { new { id = "name", label = "Name", type = "string" } } }));

        Assert.That(ports.Outputs.Single().ConnectionType.ToString(), Is.EqualTo("text"));
    }

    [Test]
    public void Entry_point_rejects_duplicate_runtime_input_ids()
    {
        var runtimeInputs = new[] { new { id = "a", type = "text" }, new { id = "a", type = "number" } };

        var error = Assert.Throws<ModuleException>(() => new EntrypointModule().ResolvePorts(Params(new { runtimeInputs })));

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
        Assert.That(error.Message, Does.Contain("'a' twice"));
    }

    [Test]
    public async Task Entry_point_outputs_the_run_inputs_and_applies_defaults()
    {
        var context = TestModuleContext.For(new EntrypointModule(),
            inputs: new { domains = "example.com\nexample.org", deep = true, targets = new[] { "a", "b" }, apiKey = "s3cr3t" },
            parameters: new { runtimeInputs = RuntimeInputs });

        var result = await context.Run();

        Assert.Multiple(() =>
        {
            Assert.That(result.Output<string>("domains"), Is.EqualTo("example.com\nexample.org"));
            Assert.That(result.Output<int>("depth"), Is.EqualTo(2));
            Assert.That(result.Output<bool>("deep"), Is.True);
            Assert.That(result.Output<string[]>("targets"), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(result.Output<string>("apiKey"), Is.EqualTo("s3cr3t"));
            Assert.That(result.Outputs["config"].ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Entry_point_never_logs_input_values()
    {
        var context = TestModuleContext.For(new EntrypointModule(),
            inputs: new { domains = "example.com", apiKey = "s3cr3t-value" },
            parameters: new { runtimeInputs = RuntimeInputs });

        await context.Run();

        Assert.That(context.Logs.Select(l => l.Line), Has.None.Contains("s3cr3t-value"));
    }

    [Test]
    public async Task Entry_point_converts_text_from_forms_to_the_declared_type()
    {
        var context = TestModuleContext.For(new EntrypointModule(),
            inputs: new { domains = "x", depth = "5", deep = "false", targets = "one\n two \n\nthree", config = "{\"rate\": 10}" },
            parameters: new { runtimeInputs = RuntimeInputs });

        var result = await context.Run();

        Assert.Multiple(() =>
        {
            Assert.That(result.Output<double>("depth"), Is.EqualTo(5));
            Assert.That(result.Output<bool>("deep"), Is.False);
            Assert.That(result.Output<string[]>("targets"), Is.EqualTo(new[] { "one", "two", "three" }));
            Assert.That(result.Outputs["config"].GetProperty("rate").GetInt32(), Is.EqualTo(10));
        });
    }

    [Test]
    public async Task Entry_point_fails_validation_naming_a_missing_required_input()
    {
        var context = TestModuleContext.For(new EntrypointModule(), inputs: new { depth = 3 }, parameters: new { runtimeInputs = RuntimeInputs });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
        Assert.That(error.Retryable, Is.False);
        Assert.That(error.Message, Does.Contain("'domains' is required"));
    }

    [Test]
    public async Task Entry_point_fails_validation_naming_every_input_of_the_wrong_type()
    {
        var context = TestModuleContext.For(new EntrypointModule(),
            inputs: new { domains = "x", depth = "many", deep = 3 },
            parameters: new { runtimeInputs = RuntimeInputs });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Message, Does.Contain("'depth' must be a number"));
        Assert.That(error.Message, Does.Contain("'deep' must be true or false"));
    }

    private static Dictionary<string, JsonElement> Params(object values) =>
        JsonSerializer.SerializeToElement(values, ShipSecJson.Options).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}
