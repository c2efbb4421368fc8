using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;
using ShipSec.Flowchart.Inputs;
using ShipSec.Flowchart.Tests.Compilation;

namespace ShipSec.Flowchart.Tests.Inputs;

public class RuntimeInputsTests
{
    [Test]
    public void Inputs_are_read_from_the_entry_node_of_a_graph()
    {
        var inputs = RuntimeInputs.Read(ReconGraph.Load());

        Assert.Multiple(() =>
        {
            Assert.That(inputs.Select(i => (i.Id, i.Label, i.Type, i.Required)), Is.EqualTo(new[]
            {
                ("domains", "Target domains", RuntimeInputType.Array, true),
                // ShipSec Studio's "string" is text.
                ("notes", "Notes", RuntimeInputType.Text, false),
            }));
            Assert.That(inputs[1].DefaultValue!.Value.GetString(), Is.EqualTo("none"));
        });
    }

    [Test]
    public void Inputs_are_read_from_the_entry_action_of_a_compiled_definition()
    {
        var definition = WorkflowCompiler.Compile(ReconGraph.Load(), 1, new TestCatalog());

        Assert.That(RuntimeInputs.Read(definition).Select(i => i.Id), Is.EqualTo(new[] { "domains", "notes" }));
    }

    [Test]
    public void Required_defaults_to_true_and_label_to_the_id_as_in_ShipSec_Studio()
    {
        var parameters = new Dictionary<string, System.Text.Json.JsonElement>
        {
            [WellKnown.RuntimeInputsParam] = Json.Parse("""[{ "id": "target", "type": "text" }]"""),
        };

        var input = RuntimeInputs.Read(parameters).Single();

        Assert.That((input.Label, input.Required), Is.EqualTo(("target", true)));
    }

    [Test]
    public void Entry_node_without_an_input_list_declares_no_inputs()
    {
        Assert.That(RuntimeInputs.Read(Rejections.Minimal()), Is.Empty);
    }

    [Test]
    public void Graph_without_an_entry_node_has_no_inputs_to_read()
    {
        var graph = Rejections.Minimal() with { Nodes = Rejections.Minimal().Nodes.Skip(1).ToList() };

        var exception = Assert.Throws<GraphValidationException>(() => RuntimeInputs.Read(graph));

        Assert.That(exception!.Errors.Single().Code, Is.EqualTo("missing-entrypoint"));
    }

    [Test]
    public void Graph_with_two_entry_nodes_is_ambiguous()
    {
        var graph = Rejections.Minimal().WithNewNode("start2", WellKnown.EntrypointComponent);

        var exception = Assert.Throws<GraphValidationException>(() => RuntimeInputs.Read(graph));

        Assert.That(exception!.Errors.Single().Code, Is.EqualTo("multiple-entrypoints"));
    }

    [Test]
    public void Malformed_list_is_rejected_with_every_defect()
    {
        var graph = Rejections.Minimal().WithParam("start", WellKnown.RuntimeInputsParam, Json.Parse("""
            [{ "id": "a", "type": "text" }, { "id": "a", "type": "text" }, { "id": "b", "type": "date" }]
            """));

        var exception = Assert.Throws<GraphValidationException>(() => RuntimeInputs.Read(graph));

        Assert.That(exception!.Errors.Select(e => (e.Code, e.Field)), Is.EqualTo(new[]
        {
            ("invalid-runtime-inputs", "nodes[0].data.config.params.runtimeInputs[1].id"),
            ("invalid-runtime-inputs", "nodes[0].data.config.params.runtimeInputs[2].type"),
        }));
    }

    [Test]
    public void Declared_inputs_validate_a_run_end_to_end()
    {
        var declared = RuntimeInputs.Read(ReconGraph.Load());

        var inputs = RunInputValidator.Validate(declared, new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["domains"] = Json.Of(new[] { "example.com" }),
        });

        Assert.That(inputs["notes"].GetString(), Is.EqualTo("none"));
    }
}
