using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;

namespace ShipSec.Flowchart.Tests.Compilation;

public class WorkflowGraphJsonTests
{
    private static GraphValidationError RejectionOf(string json)
    {
        var exception = Assert.Throws<GraphValidationException>(() => WorkflowGraphJson.Parse(json));
        Assert.That(exception!.Errors, Has.Count.EqualTo(1));
        return exception.Errors[0];
    }

    private static string ReconWith(string from, string to)
    {
        Assert.That(ReconGraph.Document, Does.Contain(from), "fixture text to replace");
        return ReconGraph.Document.Replace(from, to);
    }

    [Test]
    public void Studio_document_is_read_with_its_enums_and_options()
    {
        var graph = WorkflowGraphJson.Parse(ReconGraph.Document);

        Assert.Multiple(() =>
        {
            Assert.That(graph.Nodes, Has.Count.EqualTo(7));
            Assert.That(graph.Nodes[0].Data.Config.JoinStrategy, Is.EqualTo(JoinStrategy.Any));
            Assert.That(graph.Edges[6].Kind, Is.EqualTo(EdgeKind.Error));
            Assert.That(graph.Nodes[4].Data.Config.RetryPolicy!.InitialIntervalSeconds, Is.EqualTo(0.5));
        });
    }

    [Test]
    public void Designer_only_fields_are_ignored()
    {
        var json = ReconWith("\"kind\": \"error\" }", "\"kind\": \"error\", \"type\": \"smoothstep\", \"animated\": true }")
            .Replace("\"joinStrategy\": \"any\"", "\"joinStrategy\": \"any\", \"__ui\": { \"collapsed\": true }");

        Assert.DoesNotThrow(() => WorkflowCompiler.Compile(WorkflowGraphJson.Parse(json), 1, new TestCatalog()));
    }

    [Test]
    public void Unknown_join_strategy_is_reported_with_its_field()
    {
        var error = RejectionOf(ReconWith("\"joinStrategy\": \"any\"", "\"joinStrategy\": \"race\""));

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("invalid-join-strategy"));
            Assert.That(error.Field, Is.EqualTo("nodes[0].data.config.joinStrategy"));
            Assert.That(error.Message, Does.Contain("\"all\", \"any\" or \"first\""));
        });
    }

    [Test]
    public void Unknown_edge_kind_is_reported_with_its_field()
    {
        var error = RejectionOf(ReconWith("\"kind\": \"error\"", "\"kind\": \"failure\""));

        Assert.That((error.Code, error.Field), Is.EqualTo(("invalid-edge-kind", "edges[6].kind")));
    }

    [Test]
    public void Timeout_given_as_a_string_is_rejected()
    {
        var error = RejectionOf(ReconWith("\"timeoutSeconds\": 600", "\"timeoutSeconds\": \"600\""));

        Assert.That((error.Code, error.Field), Is.EqualTo(("invalid-timeout", "nodes[4].data.config.timeoutSeconds")));
    }

    [Test]
    public void Malformed_retry_policy_is_reported_with_its_field()
    {
        var error = RejectionOf(ReconWith("\"maxAttempts\": 3", "\"maxAttempts\": \"three\""));

        Assert.That((error.Code, error.Field), Is.EqualTo(("invalid-retry-policy", "nodes[4].data.config.retryPolicy.maxAttempts")));
    }

    [Test]
    public void Null_where_a_value_is_required_is_rejected()
    {
        var error = RejectionOf(ReconWith("\"name\": \"External recon\"", "\"name\": null"));

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("invalid-json"));
            Assert.That(error.Field, Is.EqualTo("name"));
            Assert.That(error.Message, Does.Contain("'name'").And.Not.Contain("ShipSec.Contracts"));
        });
    }

    [Test]
    public void Null_node_in_the_list_is_rejected()
    {
        var error = RejectionOf("""{ "name": "x", "nodes": [null], "edges": [] }""");

        Assert.That((error.Code, error.Field), Is.EqualTo(("invalid-json", "nodes[0]")));
    }

    [Test]
    public void Document_that_is_not_json_is_rejected()
    {
        var error = RejectionOf("{ \"name\": ");

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("invalid-json"));
            Assert.That(error.Message, Does.StartWith("The workflow document is not valid JSON (line 1"));
        });
    }

    [Test]
    public void Null_document_is_rejected()
    {
        Assert.That(RejectionOf("null").Code, Is.EqualTo("invalid-json"));
    }
}
