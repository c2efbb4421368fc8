using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;

namespace ShipSec.Flowchart.Tests.Compilation;

public class NodeConfigurationValidationTests
{
    [Test]
    public void Required_input_fed_by_nothing_is_rejected()
    {
        var graph = ReconGraph.Load().WithoutEdge("e3");

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("missing-required-input"));
            Assert.That(error.NodeId, Is.EqualTo("naabu"));
            Assert.That(error.Field, Is.EqualTo("nodes[4].data.config.inputOverrides.targets"));
            Assert.That(error.Message, Does.Contain("'targets'").And.Contain("'Port scan' (naabu)"));
        });
    }

    [Test]
    public void Required_input_may_be_given_by_an_input_override()
    {
        var graph = ReconGraph.Load().WithoutEdge("e3")
            .WithConfig("naabu", c => c with { InputOverrides = new() { ["targets"] = Json.Of(new[] { "scanme.example" }) } });

        var definition = WorkflowCompiler.Compile(graph, 1, new TestCatalog());

        Assert.That(definition.Actions.Single(a => a.Ref == "naabu").InputOverrides["targets"][0].GetString(), Is.EqualTo("scanme.example"));
    }

    [TestCase("null")]
    [TestCase("\"\"")]
    public void Blank_input_override_does_not_satisfy_a_required_input(string blank)
    {
        var graph = ReconGraph.Load().WithoutEdge("e3")
            .WithConfig("naabu", c => c with { InputOverrides = new() { ["targets"] = Json.Parse(blank) } });

        Assert.That(Rejections.Single(graph).Code, Is.EqualTo("missing-required-input"));
    }

    [Test]
    public void Required_parameter_without_value_or_default_is_rejected()
    {
        var graph = ReconGraph.Load().WithoutParam("naabu", "ports");

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("missing-required-parameter"));
            Assert.That((error.NodeId, error.Field), Is.EqualTo(("naabu", "nodes[4].data.config.params.ports")));
            Assert.That(error.Message, Does.Contain("'ports'"));
        });
    }

    [Test]
    public void Required_parameter_with_a_default_may_be_left_out()
    {
        var graph = ReconGraph.Load().WithoutParam("subfinder", "threads");

        Assert.DoesNotThrow(() => WorkflowCompiler.Compile(graph, 1, new TestCatalog()));
    }

    [TestCase("subfinder", "threads", "\"20\"", "must be a number, but is a string")]
    [TestCase("subfinder", "threads", "0", "must be at least 1")]
    [TestCase("subfinder", "threads", "500", "must be at most 100")]
    [TestCase("httpx", "followRedirects", "\"yes\"", "must be true or false")]
    [TestCase("naabu", "ports", "[80, 443]", "must be a string, but is an array")]
    [TestCase("dnsx", "recordTypes", "\"A\"", "must be an array of strings")]
    [TestCase("dnsx", "recordTypes", "[\"A\", \"MX\"]", "may only contain \"A\", \"AAAA\", \"CNAME\"")]
    [TestCase("report", "format", "\"pdf\"", "must be one of \"markdown\", \"json\"")]
    public void Parameter_value_of_the_wrong_type_is_rejected(string nodeId, string parameter, string value, string reason)
    {
        var graph = ReconGraph.Load().WithParam(nodeId, parameter, Json.Parse(value));

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("invalid-parameter"));
            Assert.That(error.NodeId, Is.EqualTo(nodeId));
            Assert.That(error.Field, Does.EndWith($".data.config.params.{parameter}"));
            Assert.That(error.Message, Does.Contain(reason));
        });
    }

    [Test]
    public void Rejected_secret_parameter_is_not_echoed_in_the_message()
    {
        var graph = ReconGraph.Load().WithParam("alert", "webhook", Json.Of(new { token = "xoxb-very-secret" }));

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("invalid-parameter"));
            Assert.That(error.Message, Does.Not.Contain("xoxb-very-secret"));
        });
    }

    [Test]
    public void Parameters_the_component_does_not_declare_are_ignored()
    {
        var graph = ReconGraph.Load().WithParam("httpx", "legacyOption", Json.Of(42));

        Assert.DoesNotThrow(() => WorkflowCompiler.Compile(graph, 1, new TestCatalog()));
    }

    [Test]
    public void Parameters_that_prevent_resolving_ports_are_rejected()
    {
        var graph = ReconGraph.Load().WithNewNode("pick", TestCatalog.ArrayPick.Id)
            .WithParam("pick", "fields", Json.Of(5))
            .WithEdge("p1", "httpx", "pick", "responses", "items");

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("invalid-parameter"));
            Assert.That((error.NodeId, error.Field), Is.EqualTo(("pick", "nodes[7].data.config.params.fields")));
            Assert.That(error.Message, Does.Contain("'fields' must be an array"));
        });
    }

    [TestCase("{}", "params.runtimeInputs", "must be an array")]
    [TestCase("[\"domains\"]", "params.runtimeInputs[0]", "must be an object")]
    [TestCase("[{\"label\": \"x\", \"type\": \"text\"}]", "params.runtimeInputs[0].id", "has no id")]
    [TestCase("[{\"id\": \"a\", \"type\": \"text\"}, {\"id\": \"a\", \"type\": \"number\"}]", "params.runtimeInputs[1].id", "declared twice")]
    [TestCase("[{\"id\": \"a\", \"type\": \"ipv4\"}]", "params.runtimeInputs[0].type", "unknown type 'ipv4'")]
    [TestCase("[{\"id\": \"a\"}]", "params.runtimeInputs[0].type", "has no type")]
    [TestCase("[{\"id\": \"a\", \"type\": \"number\", \"defaultValue\": \"5\"}]", "params.runtimeInputs[0].defaultValue", "must be a JSON number")]
    [TestCase("[{\"id\": \"a\", \"type\": \"text\", \"required\": \"yes\"}]", "params.runtimeInputs[0].required", "true or false")]
    public void Malformed_runtime_inputs_on_the_entry_node_are_rejected(string runtimeInputs, string field, string reason)
    {
        var graph = Rejections.Minimal().WithParam("start", WellKnown.RuntimeInputsParam, Json.Parse(runtimeInputs));

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("invalid-runtime-inputs"));
            Assert.That(error.NodeId, Is.EqualTo("start"));
            Assert.That(error.Field, Is.EqualTo($"nodes[0].data.config.{field}"));
            Assert.That(error.Message, Does.Contain(reason));
        });
    }

    [Test]
    public void Edges_from_an_entry_node_with_malformed_inputs_are_not_reported_twice()
    {
        var graph = ReconGraph.Load().WithParam("start", WellKnown.RuntimeInputsParam, Json.Of("domains"));

        Assert.That(Rejections.Single(graph).Code, Is.EqualTo("invalid-runtime-inputs"));
    }

    [TestCase(0, "maxAttempts", "must be at least 1")]
    [TestCase(1, "initialIntervalSeconds", "must be 0 or more")]
    [TestCase(2, "backoffCoefficient", "must be at least 1")]
    [TestCase(3, "maximumIntervalSeconds", "must be 0 or more")]
    [TestCase(4, "maximumIntervalSeconds", "below initialIntervalSeconds")]
    public void Retry_policy_values_must_be_usable(int variant, string field, string reason)
    {
        var sane = new RetryPolicy { MaxAttempts = 3, InitialIntervalSeconds = 1, BackoffCoefficient = 2, MaximumIntervalSeconds = 30 };
        var policy = variant switch
        {
            0 => sane with { MaxAttempts = 0 },
            1 => sane with { InitialIntervalSeconds = -0.5 },
            2 => sane with { BackoffCoefficient = 0.5 },
            3 => sane with { MaximumIntervalSeconds = -1 },
            _ => sane with { InitialIntervalSeconds = 10, MaximumIntervalSeconds = 5 },
        };
        var graph = ReconGraph.Load().WithConfig("httpx", c => c with { RetryPolicy = policy });

        var error = Rejections.Single(graph);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("invalid-retry-policy"));
            Assert.That((error.NodeId, error.Field), Is.EqualTo(("httpx", $"nodes[5].data.config.retryPolicy.{field}")));
            Assert.That(error.Message, Does.Contain(reason));
        });
    }

    [TestCase("httpx", 5, 0)]
    [TestCase("start", 1, -30)]
    public void Timeout_must_be_positive(string nodeId, int index, int timeout)
    {
        var graph = ReconGraph.Load().WithConfig(nodeId, c => c with { TimeoutSeconds = timeout });

        var error = Rejections.Single(graph);

        Assert.That((error.Code, error.NodeId, error.Field),
            Is.EqualTo(("invalid-timeout", nodeId, $"nodes[{index}].data.config.timeoutSeconds")));
    }

    [Test]
    public void Max_concurrency_must_be_positive()
    {
        var graph = ReconGraph.Load().WithConfig("naabu", c => c with { MaxConcurrency = 0 });

        var error = Rejections.Single(graph);

        Assert.That((error.Code, error.Field), Is.EqualTo(("invalid-max-concurrency", "nodes[4].data.config.maxConcurrency")));
    }

    [Test]
    public void Undefined_join_strategy_is_rejected()
    {
        var graph = ReconGraph.Load().WithConfig("report", c => c with { JoinStrategy = (JoinStrategy)42 });

        var error = Rejections.Single(graph);

        Assert.That((error.Code, error.Field), Is.EqualTo(("invalid-join-strategy", "nodes[0].data.config.joinStrategy")));
    }

    [Test]
    public void Undefined_edge_kind_is_rejected()
    {
        var graph = ReconGraph.Load().WithEdge("e5", e => e with { Kind = (EdgeKind)7 });

        var error = Rejections.Single(graph);

        Assert.That((error.Code, error.Field), Is.EqualTo(("invalid-edge-kind", "edges[e5].kind")));
    }
}
