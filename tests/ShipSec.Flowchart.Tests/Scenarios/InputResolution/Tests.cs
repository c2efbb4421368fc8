using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Tests.Harness;

namespace ShipSec.Flowchart.Tests.Scenarios.InputResolution;

public class Tests
{
    [Test]
    public void Self_handle_passes_the_whole_output_object()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("scan").Node("report")
            .Edge("start", "scan").Data("scan", WellKnown.SelfHandle, "report", "all")
            .Build();
        var run = PureRun.Start(definition);
        run.Succeed("start");

        run.Succeed("scan", new { hosts = new[] { "a.example", "b.example" }, count = 2 });

        var all = run.DispatchOf("report").Inputs["all"];
        Assert.That(all.GetProperty("count").GetInt32(), Is.EqualTo(2));
        Assert.That(all.GetProperty("hosts").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void Named_handle_passes_one_output_and_overrides_the_literal_value()
    {
        var definition = new DefinitionBuilder()
            .Entry()
            .Node("scan")
            .Node("probe", inputOverrides: Json.Map(new { targets = "literal", ports = "80,443" }))
            .Edge("start", "scan").Data("scan", "hosts", "probe", "targets")
            .Build();
        var run = PureRun.Start(definition);
        run.Succeed("start");

        run.Succeed("scan", new { hosts = "a.example", other = "ignored" });

        var inputs = run.DispatchOf("probe").Inputs;
        Assert.That(inputs["targets"].GetString(), Is.EqualTo("a.example"));
        Assert.That(inputs["ports"].GetString(), Is.EqualTo("80,443"));
        Assert.That(inputs.ContainsKey("other"), Is.False);
    }

    [Test]
    public void Mapping_whose_source_produced_nothing_is_left_out()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("scan").Node("probe", inputOverrides: Json.Map(new { targets = "fallback" }))
            .Edge("start", "scan").Data("scan", "hosts", "probe", "targets")
            .Build();
        var run = PureRun.Start(definition);
        run.Succeed("start");

        run.Succeed("scan", new { somethingElse = 1 });

        Assert.That(run.DispatchOf("probe").Inputs["targets"].GetString(), Is.EqualTo("fallback"));
    }

    [Test]
    public void Entry_node_receives_the_run_inputs_over_its_overrides()
    {
        var definition = new DefinitionBuilder()
            .Entry(inputOverrides: Json.Map(new { domain = "default.example", depth = 1 }))
            .Build();

        var run = PureRun.Start(definition, Json.Map(new { domain = "shipsec.ai" }));

        var inputs = run.DispatchOf("start").Inputs;
        Assert.That(inputs["domain"].GetString(), Is.EqualTo("shipsec.ai"));
        Assert.That(inputs["depth"].GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void Resolved_inputs_are_kept_on_the_node_for_node_io()
    {
        var definition = new DefinitionBuilder()
            .Entry().Node("scan").Data("start", "domain", "scan", "target")
            .Build();
        var run = PureRun.Start(definition, Json.Map(new { domain = "shipsec.ai" }));

        run.Succeed("start", new { domain = "shipsec.ai" });

        Assert.That(run.Node("scan").Inputs!["target"].GetString(), Is.EqualTo("shipsec.ai"));
    }
}
