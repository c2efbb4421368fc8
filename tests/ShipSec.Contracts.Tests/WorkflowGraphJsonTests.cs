using NUnit.Framework;
using ShipSec.Contracts.Graph;

namespace ShipSec.Contracts.Tests;

public class WorkflowGraphJsonTests
{
    private const string StudioGraph = """
    {
      "id": "9a3f6f0e-2b1c-4d5e-8f70-1a2b3c4d5e6f",
      "name": "Subdomain takeover sweep",
      "description": "Find subdomains, resolve them, probe HTTP and scan for takeovers.",
      "nodes": [
        { "id": "start", "type": "core.workflow.entrypoint", "position": { "x": 0, "y": 0 },
          "data": { "label": "Start",
                    "config": { "params": { "runtimeInputs": [
                                  { "id": "domains", "label": "Domains", "type": "array", "required": true, "description": "Apex domains in scope" },
                                  { "id": "apiKey", "label": "Shodan key", "type": "secret", "required": false } ] },
                                "inputOverrides": {},
                                "timeoutSeconds": 7200 } } },
        { "id": "subfinder-1", "type": "shipsec.subfinder.run", "position": { "x": 250.5, "y": -40 },
          "data": { "label": "Subfinder",
                    "config": { "params": { "threads": 10, "allSources": true, "providerConfig": { "shodan": ["${apiKey}"] } },
                                "inputOverrides": { "domains": ["example.com"] },
                                "joinStrategy": "all",
                                "retryPolicy": { "maxAttempts": 4, "initialIntervalSeconds": 0.05, "backoffCoefficient": 1.5,
                                                 "maximumIntervalSeconds": 30, "nonRetryableErrorTypes": ["ValidationError", "AuthenticationError"] },
                                "timeoutSeconds": 900,
                                "maxConcurrency": 2 } } },
        { "id": "httpx-1", "type": "shipsec.httpx.scan", "position": { "x": 500, "y": 0 },
          "data": { "label": "HTTPX", "config": { "params": {}, "inputOverrides": {}, "joinStrategy": "first" } } },
        { "id": "nuclei-1", "type": "shipsec.nuclei.scan", "position": { "x": 750, "y": 0 },
          "data": { "label": "Nuclei", "config": { "params": { "templateIds": ["takeover"] }, "inputOverrides": {}, "joinStrategy": "any" } } },
        { "id": "notify", "type": "core.notification.slack", "position": { "x": 750, "y": 200 },
          "data": { "label": "Tell the team", "config": { "params": {}, "inputOverrides": { "message": "subfinder failed" } } } }
      ],
      "edges": [
        { "id": "e-start-subfinder", "source": "start", "target": "subfinder-1", "sourceHandle": "domains", "targetHandle": "domains" },
        { "id": "e-subfinder-httpx", "source": "subfinder-1", "target": "httpx-1", "sourceHandle": "subdomains", "targetHandle": "targets", "kind": "success" },
        { "id": "e-httpx-nuclei", "source": "httpx-1", "target": "nuclei-1", "sourceHandle": "__self__", "targetHandle": "targets" },
        { "id": "e-order", "source": "start", "target": "nuclei-1" },
        { "id": "e-failure", "source": "subfinder-1", "target": "notify", "kind": "error" }
      ],
      "viewport": { "x": -120.5, "y": 40, "zoom": 0.85 }
    }
    """;

    [Test]
    public void Studio_graph_survives_a_round_trip()
    {
        var graph = ContractJson.RoundTrip<WorkflowGraph>(StudioGraph);

        Assert.Multiple(() =>
        {
            Assert.That(graph.Nodes.Select(n => n.Data.Config.JoinStrategy),
                Is.EqualTo(new JoinStrategy?[] { null, JoinStrategy.All, JoinStrategy.First, JoinStrategy.Any, null }));
            Assert.That(graph.Edges.Select(e => e.Kind),
                Is.EqualTo(new EdgeKind?[] { null, EdgeKind.Success, null, null, EdgeKind.Error }));
            Assert.That(graph.Nodes[1].Data.Config.RetryPolicy!.InitialIntervalSeconds, Is.EqualTo(0.05));
            Assert.That(graph.Nodes[1].Position, Is.EqualTo(new Position(250.5, -40)));
            Assert.That(graph.Viewport, Is.EqualTo(new Viewport(-120.5, 40, 0.85)));
            Assert.That(graph.Nodes[1].Data.Config.Params["providerConfig"].GetProperty("shodan")[0].GetString(), Is.EqualTo("${apiKey}"));
        });
    }

    [TestCase(JoinStrategy.All, "all")]
    [TestCase(JoinStrategy.Any, "any")]
    [TestCase(JoinStrategy.First, "first")]
    public void Join_strategies_are_written_in_lower_case(JoinStrategy strategy, string wire)
    {
        Assert.That(ContractJson.Write(strategy), Is.EqualTo($"\"{wire}\""));
        Assert.That(ContractJson.Read<JoinStrategy>($"\"{wire}\""), Is.EqualTo(strategy));
    }

    [TestCase(EdgeKind.Success, "success")]
    [TestCase(EdgeKind.Error, "error")]
    public void Edge_kinds_are_written_in_lower_case(EdgeKind kind, string wire)
    {
        Assert.That(ContractJson.Write(kind), Is.EqualTo($"\"{wire}\""));
        Assert.That(ContractJson.Read<EdgeKind>($"\"{wire}\""), Is.EqualTo(kind));
    }

    [TestCase(RuntimeInputType.Text, "text")]
    [TestCase(RuntimeInputType.Number, "number")]
    [TestCase(RuntimeInputType.Boolean, "boolean")]
    [TestCase(RuntimeInputType.Json, "json")]
    [TestCase(RuntimeInputType.Array, "array")]
    [TestCase(RuntimeInputType.File, "file")]
    [TestCase(RuntimeInputType.Secret, "secret")]
    public void Runtime_input_types_are_written_in_lower_case(RuntimeInputType type, string wire)
    {
        Assert.That(ContractJson.Write(type), Is.EqualTo($"\"{wire}\""));
    }

    [Test]
    public void Runtime_input_survives_a_round_trip()
    {
        var input = ContractJson.RoundTrip<RuntimeInput>("""
            { "id": "ports", "label": "Ports", "type": "array", "required": false, "description": "Ports to scan", "defaultValue": [80, 443] }
            """);

        Assert.That(input.DefaultValue!.Value.GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void Enum_given_as_a_number_is_rejected()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => ContractJson.Read<GraphEdge>("""{ "id": "e", "source": "a", "target": "b", "kind": 1 }"""));
    }
}
