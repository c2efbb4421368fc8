using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;

namespace ShipSec.Flowchart.Tests.Compilation;

public class GraphStructureValidationTests
{
    [Test]
    public void Minimal_graph_is_valid()
    {
        Assert.That(WorkflowCompiler.Compile(Rejections.Minimal(), 1, new TestCatalog()).Actions, Has.Count.EqualTo(2));
    }

    [Test]
    public void Graph_without_an_entry_node_is_rejected()
    {
        var graph = Rejections.Minimal().WithoutEdge("c1");
        graph = graph with { Nodes = graph.Nodes.Where(n => n.Id != "start").ToList() };

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("missing-entrypoint"));
            Assert.That(error.Field, Is.EqualTo("nodes"));
            Assert.That(error.Message, Does.Contain("core.workflow.entrypoint"));
        });
    }

    [Test]
    public void Graph_with_two_entry_nodes_is_rejected_naming_the_second()
    {
        var graph = Rejections.Minimal().WithNewNode("start2", WellKnown.EntrypointComponent, "Second start");

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("multiple-entrypoints"));
            Assert.That(error.NodeId, Is.EqualTo("start2"));
            Assert.That(error.Field, Is.EqualTo("nodes[2].type"));
            Assert.That(error.Message, Does.Contain("'Second start' (start2)").And.Contain("'Start' (start)"));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Workflow_without_a_name_is_rejected(string name)
    {
        var error = Rejections.Single(Rejections.Minimal() with { Name = name });

        Assert.That((error.Code, error.Field), Is.EqualTo(("empty-name", "name")));
    }

    [Test]
    public void Node_without_an_id_is_rejected()
    {
        var graph = Rejections.Minimal().WithNewNode("", TestCatalog.Branch.Id);

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("empty-node-id"));
            Assert.That(error.Field, Is.EqualTo("nodes[2].id"));
            Assert.That(error.Message, Does.Contain("core.logic.branch"));
        });
    }

    [Test]
    public void Duplicate_node_ids_are_rejected()
    {
        var graph = Rejections.Minimal().WithNewNode("note", TestCatalog.Branch.Id);

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("duplicate-node-id"));
            Assert.That(error.NodeId, Is.EqualTo("note"));
            Assert.That(error.Field, Is.EqualTo("nodes[2].id"));
            Assert.That(error.Message, Does.Contain("#2 and #3"));
        });
    }

    [Test]
    public void Duplicate_edge_ids_are_rejected()
    {
        var graph = Rejections.Minimal()
            .WithNewNode("other", TestCatalog.Branch.Id)
            .WithConfig("other", c => c with { InputOverrides = new() { ["value"] = Json.Of(1) } })
            .WithEdge("c1", "start", "other");

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("duplicate-edge-id"));
            Assert.That(error.EdgeId, Is.EqualTo("c1"));
            Assert.That(error.Field, Is.EqualTo("edges[1].id"));
        });
    }

    [Test]
    public void Edge_without_an_id_is_rejected()
    {
        var graph = Rejections.Minimal().WithEdge("c1", e => e with { Id = "" });

        var error = Rejections.Single(graph);

        Assert.That((error.Code, error.Field), Is.EqualTo(("empty-edge-id", "edges[0].id")));
    }

    [TestCase("ghost", "note", "source")]
    [TestCase("start", "ghost", "target")]
    [TestCase("", "note", "source")]
    public void Edge_to_or_from_an_unknown_node_is_rejected(string source, string target, string end)
    {
        var graph = Rejections.Minimal().WithEdge("c1", e => e with { Source = source, Target = target });

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("unknown-node"));
            Assert.That(error.EdgeId, Is.EqualTo("c1"));
            Assert.That(error.Field, Is.EqualTo($"edges[c1].{end}"));
        });
    }

    [Test]
    public void Unknown_component_is_rejected()
    {
        var graph = Rejections.Minimal().WithNewNode("scan", "shipsec.masscan.run", "Mass scan").WithEdge("c2", "start", "scan");

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("unknown-component"));
            Assert.That(error.NodeId, Is.EqualTo("scan"));
            Assert.That(error.Field, Is.EqualTo("nodes[2].type"));
            Assert.That(error.Message, Does.Contain("'shipsec.masscan.run'").And.Contain("'Mass scan' (scan)"));
        });
    }

    [Test]
    public void Edge_from_a_node_to_itself_is_rejected()
    {
        var error = Rejections.Single(Rejections.Minimal().WithEdge("loop", "note", "note"));

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("self-loop"));
            Assert.That((error.NodeId, error.EdgeId), Is.EqualTo(("note", "loop")));
        });
    }

    [Test]
    public void Cycle_is_rejected_naming_only_the_nodes_on_it()
    {
        // start → a → b → c → a, and c → d downstream of the cycle.
        var graph = Rejections.Minimal();
        foreach (var id in new[] { "a", "b", "c", "d" })
            graph = graph.WithNewNode(id, TestCatalog.Branch.Id)
                .WithConfig(id, c => c with { InputOverrides = new() { ["value"] = Json.Of(true) } });
        graph = graph.WithEdge("x1", "start", "a").WithEdge("x2", "a", "b").WithEdge("x3", "b", "c")
            .WithEdge("x4", "c", "a").WithEdge("x5", "c", "d");

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("cycle"));
            Assert.That(error.NodeId, Is.EqualTo("a"));
            Assert.That(error.EdgeId, Is.EqualTo("x4"), "the edge closing the loop");
            Assert.That(error.Message, Does.Contain("'a' → 'b' → 'c' → 'a'").And.Contain("'x2', 'x3', 'x4'"));
            Assert.That(error.Message, Does.Not.Contain("'d'"));
        });
    }

    [Test]
    public void Each_separate_cycle_is_reported()
    {
        var graph = Rejections.Minimal();
        foreach (var id in new[] { "a", "b", "c", "d" })
            graph = graph.WithNewNode(id, TestCatalog.Branch.Id)
                .WithConfig(id, c => c with { InputOverrides = new() { ["value"] = Json.Of(true) } });
        graph = graph.WithEdge("x1", "a", "b").WithEdge("x2", "b", "a").WithEdge("x3", "c", "d").WithEdge("x4", "d", "c");

        var errors = Rejections.Of(graph);

        Assert.That(errors.Select(e => (e.Code, e.NodeId)), Is.EqualTo(new[] { ("cycle", "a"), ("cycle", "c") }));
    }

    [Test]
    public void Edge_into_the_entry_node_is_rejected()
    {
        var graph = Rejections.Minimal()
            .WithNewNode("before", TestCatalog.Branch.Id)
            .WithConfig("before", c => c with { InputOverrides = new() { ["value"] = Json.Of(1) } })
            .WithEdge("back", "before", "start");

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("entrypoint-inbound-edge"));
            Assert.That((error.NodeId, error.EdgeId, error.Field), Is.EqualTo(("start", "back", "edges[back].target")));
        });
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var graph = ReconGraph.Load()
            .WithNewNode("scan", "shipsec.masscan.run")
            .WithEdge("e2", e => e with { TargetHandle = null })
            .WithoutParam("naabu", "ports")
            .WithConfig("httpx", c => c with { TimeoutSeconds = 0 });

        var errors = Rejections.Of(graph);

        Assert.That(errors.Select(e => e.Code), Is.EquivalentTo(new[]
        {
            "unknown-component", "half-handle", "missing-required-parameter", "invalid-timeout",
            // e2 no longer carries data, so dnsx's required input is unfed.
            "missing-required-input",
        }));
    }
}
