using System.Text.Json;
using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Inputs;
using ShipSec.Flowchart.Tests.Compilation;

namespace ShipSec.Flowchart.Tests.Inputs;

public class RunInputValidatorTests
{
    private static RuntimeInput Input(string id, RuntimeInputType type, bool required = true, object? defaultValue = null) =>
        new() { Id = id, Label = id, Type = type, Required = required, DefaultValue = defaultValue is null ? null : Json.Of(defaultValue) };

    private static Dictionary<string, JsonElement> Supplied(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static IReadOnlyList<RunInputError> Rejection(IReadOnlyList<RuntimeInput> declared, string supplied)
    {
        var exception = Assert.Throws<RunInputValidationException>(() => RunInputValidator.Validate(declared, Supplied(supplied)));
        return exception!.Errors;
    }

    [Test]
    public void Supplied_values_are_kept_and_defaults_fill_the_inputs_left_out()
    {
        RuntimeInput[] declared =
        [
            Input("domains", RuntimeInputType.Array),
            Input("depth", RuntimeInputType.Number, required: false, defaultValue: 2),
            Input("label", RuntimeInputType.Text, required: false),
        ];

        var inputs = RunInputValidator.Validate(declared, Supplied("""{ "domains": ["example.com"] }"""));

        Assert.Multiple(() =>
        {
            Assert.That(inputs.Keys, Is.EqualTo(new[] { "domains", "depth" }), "an optional input without default is left out");
            Assert.That(inputs["domains"][0].GetString(), Is.EqualTo("example.com"));
            Assert.That(inputs["depth"].GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public void Supplied_value_wins_over_the_default()
    {
        var inputs = RunInputValidator.Validate([Input("depth", RuntimeInputType.Number, required: false, defaultValue: 2)], Supplied("""{ "depth": 5 }"""));

        Assert.That(inputs["depth"].GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public void Required_input_with_a_default_may_be_left_out()
    {
        var inputs = RunInputValidator.Validate([Input("depth", RuntimeInputType.Number, defaultValue: 3)], null);

        Assert.That(inputs["depth"].GetInt32(), Is.EqualTo(3));
    }

    [TestCase("{}")]
    [TestCase("""{ "domains": null }""")]
    [TestCase("""{ "domains": "" }""")]
    public void Missing_required_input_is_rejected(string supplied)
    {
        var errors = Rejection([Input("domains", RuntimeInputType.Text)], supplied);

        Assert.That(errors.Select(e => (e.InputId, e.Code)), Is.EqualTo(new[] { ("domains", "missing-required-input") }));
    }

    [TestCase(RuntimeInputType.Text, "42")]
    [TestCase(RuntimeInputType.Number, "\"42\"")]
    [TestCase(RuntimeInputType.Boolean, "\"true\"")]
    [TestCase(RuntimeInputType.Boolean, "1")]
    [TestCase(RuntimeInputType.Array, "\"a.com,b.com\"")]
    [TestCase(RuntimeInputType.Array, "\"a.com\\nb.com\"")]
    [TestCase(RuntimeInputType.Array, "{ \"0\": \"a.com\" }")]
    [TestCase(RuntimeInputType.File, "{ \"id\": \"f1\" }")]
    [TestCase(RuntimeInputType.Secret, "123")]
    public void Value_of_the_wrong_type_is_rejected(RuntimeInputType type, string value)
    {
        var errors = Rejection([Input("target", type)], $$"""{ "target": {{value}} }""");

        Assert.Multiple(() =>
        {
            Assert.That(errors.Select(e => (e.InputId, e.Code)), Is.EqualTo(new[] { ("target", "wrong-type") }));
            Assert.That(errors[0].Message, Does.Contain("'target' must be " + RuntimeInputTypes.Expectation(type)));
        });
    }

    [TestCase(RuntimeInputType.Text, "\"example.com\"")]
    [TestCase(RuntimeInputType.Number, "8.5")]
    [TestCase(RuntimeInputType.Boolean, "false")]
    [TestCase(RuntimeInputType.Json, "{ \"scope\": [\"*.example.com\"] }")]
    [TestCase(RuntimeInputType.Json, "\"just text\"")]
    [TestCase(RuntimeInputType.Array, "[\"a.com\", \"b.com\"]")]
    [TestCase(RuntimeInputType.File, "\"0b7e6c1e-3f57-4d8e-9a0c-2f1d1b2c3d4e\"")]
    [TestCase(RuntimeInputType.Secret, "\"shodan-api-key\"")]
    public void Value_of_the_declared_type_is_accepted_unchanged(RuntimeInputType type, string value)
    {
        var inputs = RunInputValidator.Validate([Input("target", type)], Supplied($$"""{ "target": {{value}} }"""));

        Assert.That(JsonElement.DeepEquals(inputs["target"], Json.Parse(value)), Is.True);
    }

    [Test]
    public void Unknown_input_is_rejected_listing_the_declared_ones()
    {
        var errors = Rejection([Input("domains", RuntimeInputType.Array)], """{ "domains": ["a.com"], "domain": "a.com" }""");

        Assert.Multiple(() =>
        {
            Assert.That(errors.Select(e => (e.InputId, e.Code)), Is.EqualTo(new[] { ("domain", "unknown-input") }));
            Assert.That(errors[0].Message, Does.Contain("'domains'"));
        });
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        RuntimeInput[] declared = [Input("domains", RuntimeInputType.Array), Input("depth", RuntimeInputType.Number)];

        var errors = Rejection(declared, """{ "depth": "3", "extra": true }""");

        Assert.That(errors.Select(e => (e.InputId, e.Code)), Is.EquivalentTo(new[]
        {
            ("extra", "unknown-input"), ("domains", "missing-required-input"), ("depth", "wrong-type"),
        }));
    }

    [Test]
    public void Default_of_the_wrong_type_is_reported_when_it_would_be_used()
    {
        var errors = Rejection([Input("depth", RuntimeInputType.Number, required: false, defaultValue: "deep")], "{}");

        Assert.That(errors.Select(e => (e.InputId, e.Code)), Is.EqualTo(new[] { ("depth", "invalid-default") }));
    }

    [Test]
    public void Messages_never_repeat_the_supplied_value()
    {
        var errors = Rejection([Input("apiKey", RuntimeInputType.Secret)], """{ "apiKey": { "value": "sk-live-hunter2" } }""");

        Assert.That(errors[0].Message, Does.Not.Contain("hunter2"));
    }

    [Test]
    public void Workflow_without_inputs_accepts_no_inputs()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RunInputValidator.Validate([], null), Is.Empty);
            Assert.That(Rejection([], """{ "x": 1 }""")[0].Message, Does.Contain("takes no inputs"));
        });
    }
}
