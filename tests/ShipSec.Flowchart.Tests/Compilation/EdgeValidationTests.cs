using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;

namespace ShipSec.Flowchart.Tests.Compilation;

public class EdgeValidationTests
{
    [Test]
    public void Edge_with_a_source_handle_but_no_target_handle_is_rejected()
    {
        var graph = ReconGraph.Load().WithEdge("e5", e => e with { SourceHandle = "findings" });

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("half-handle"));
            Assert.That((error.EdgeId, error.Field), Is.EqualTo(("e5", "edges[e5].targetHandle")));
            Assert.That(error.Message, Does.Contain("sourceHandle but no targetHandle"));
        });
    }

    [Test]
    public void Edge_with_a_target_handle_but_no_source_handle_is_rejected()
    {
        var graph = ReconGraph.Load().WithEdge("e5", e => e with { TargetHandle = "title" });

        var error = Rejections.Single(graph);

        Assert.That((error.Code, error.Field), Is.EqualTo(("half-handle", "edges[e5].sourceHandle")));
    }

    [Test]
    public void Source_handle_that_is_not_an_output_of_the_source_is_rejected_listing_the_outputs()
    {
        var graph = ReconGraph.Load().WithEdge("e1", e => e with { SourceHandle = "targets" });

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("unknown-source-handle"));
            Assert.That((error.NodeId, error.EdgeId, error.Field), Is.EqualTo(("start", "e1", "edges[e1].sourceHandle")));
            // The entry node's outputs are its runtime inputs.
            Assert.That(error.Message, Does.Contain("'domains', 'notes', '__self__'"));
        });
    }

    [Test]
    public void Error_edge_must_read_the_error_handle()
    {
        var graph = ReconGraph.Load().WithEdge("e7", e => e with { SourceHandle = "openPortCount", TargetHandle = "message" });

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That((error.Code, error.Field), Is.EqualTo(("unknown-source-handle", "edges[e7].sourceHandle")));
            Assert.That(error.Message, Does.Contain("'error'"));
        });
    }

    [Test]
    public void Error_handle_on_a_success_edge_is_rejected()
    {
        var graph = ReconGraph.Load().WithEdge("e7", e => e with { Kind = null });

        var error = Rejections.Single(graph);

        Assert.That((error.Code, error.EdgeId), Is.EqualTo(("unknown-source-handle", "e7")));
    }

    [Test]
    public void Error_edge_without_handles_is_a_valid_control_edge()
    {
        var graph = ReconGraph.Load()
            .WithEdge("e7", e => e with { SourceHandle = null, TargetHandle = null })
            .WithConfig("alert", c => c with { InputOverrides = new() { ["message"] = Json.Of("naabu failed") } });

        var definition = WorkflowCompiler.Compile(graph, 1, new TestCatalog());

        var edge = definition.Edges.Single(e => e.Id == "e7");
        Assert.That((edge.Kind, edge.SourceHandle, edge.TargetHandle), Is.EqualTo((EdgeKind.Error, (string?)null, (string?)null)));
    }

    [Test]
    public void Target_handle_that_is_not_an_input_of_the_target_is_rejected_listing_the_inputs()
    {
        var graph = ReconGraph.Load().WithEdge("e4", e => e with { TargetHandle = "urls" });

        // httpx's required input is now unfed as well.
        var error = Rejections.Of(graph).Single(e => e.Code == "unknown-target-handle");

        Assert.Multiple(() =>
        {
            Assert.That((error.NodeId, error.EdgeId, error.Field), Is.EqualTo(("httpx", "e4", "edges[e4].targetHandle")));
            Assert.That(error.Message, Does.Contain("use one of 'targets'"));
        });
    }

    [Test]
    public void Data_edge_into_a_node_without_inputs_is_rejected()
    {
        var graph = Rejections.Minimal().WithEdge("d1", "note", "start", "artifactId", "anything");

        // The edge also closes a loop and leads into the entry node; both are reported too.
        var error = Rejections.Of(graph).Single(e => e.Code == "unknown-target-handle");

        Assert.Multiple(() =>
        {
            Assert.That(error.EdgeId, Is.EqualTo("d1"));
            Assert.That(error.Message, Does.Contain("takes no inputs"));
        });
    }

    [Test]
    public void Two_edges_into_the_same_input_are_rejected()
    {
        var graph = ReconGraph.Load().WithEdge("e8", "naabu", "report", "findings", "content");

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("duplicate-target-input"));
            Assert.That((error.NodeId, error.EdgeId, error.Field), Is.EqualTo(("report", "e8", "edges[e8].targetHandle")));
            Assert.That(error.Message, Does.Contain("'e6' and 'e8'").And.Contain("'content'"));
        });
    }

    [Test]
    public void Ports_of_incompatible_types_cannot_be_connected()
    {
        // list<port-finding> into list<text>
        var graph = ReconGraph.Load().WithEdge("e4", e => e with { Source = "naabu", SourceHandle = "findings" });

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("incompatible-port-types"));
            Assert.That((error.NodeId, error.EdgeId), Is.EqualTo(("httpx", "e4")));
            Assert.That(error.Message, Does.Contain("list<port-finding>").And.Contain("list<text>"));
        });
    }

    [Test]
    public void A_number_output_may_feed_a_text_input()
    {
        var graph = ReconGraph.Load().WithEdge("e8", "naabu", "report", "openPortCount", "title");

        Assert.DoesNotThrow(() => WorkflowCompiler.Compile(graph, 1, new TestCatalog()));
    }
}
