using NUnit.Framework;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;

namespace ShipSec.Contracts.Tests;

public class WorkflowDefinitionJsonTests
{
    [Test]
    public void Compiled_definition_survives_a_round_trip()
    {
        var definition = ContractJson.RoundTrip<WorkflowDefinition>("""
        {
          "version": 3,
          "title": "Port sweep",
          "entrypoint": { "ref": "start" },
          "nodes": {
            "start": { "ref": "start", "label": "Start", "componentId": "core.workflow.entrypoint", "joinStrategy": "all", "branchingPorts": [] },
            "naabu": { "ref": "naabu", "label": "Naabu", "componentId": "shipsec.naabu.scan", "joinStrategy": "any", "maxConcurrency": 2, "branchingPorts": [] },
            "gate": { "ref": "gate", "label": "Any open?", "componentId": "core.logic.branch", "joinStrategy": "first", "branchingPorts": ["true", "false"] }
          },
          "edges": [
            { "id": "e1", "sourceRef": "start", "targetRef": "naabu", "sourceHandle": "targets", "targetHandle": "targets", "kind": "success" },
            { "id": "e2", "sourceRef": "naabu", "targetRef": "gate", "kind": "success" },
            { "id": "e3", "sourceRef": "naabu", "targetRef": "gate", "sourceHandle": "error", "targetHandle": "value", "kind": "error" }
          ],
          "dependencyCounts": { "start": 0, "naabu": 1, "gate": 2 },
          "actions": [
            { "ref": "start", "componentId": "core.workflow.entrypoint",
              "params": { "runtimeInputs": [{ "id": "targets", "label": "Targets", "type": "array", "required": true }] },
              "inputOverrides": {}, "dependsOn": [], "inputMappings": {} },
            { "ref": "naabu", "componentId": "shipsec.naabu.scan", "params": { "ports": "1-1000", "rate": 500 }, "inputOverrides": {},
              "dependsOn": ["start"], "inputMappings": { "targets": { "sourceRef": "start", "sourceHandle": "targets" } },
              "retryPolicy": { "maxAttempts": 2, "initialIntervalSeconds": 0.25, "backoffCoefficient": 2, "nonRetryableErrorTypes": [] },
              "timeoutSeconds": 180 },
            { "ref": "gate", "componentId": "core.logic.branch", "params": {}, "inputOverrides": { "value": true },
              "dependsOn": ["naabu"], "inputMappings": { "value": { "sourceRef": "naabu", "sourceHandle": "error" } } }
          ],
          "config": { "timeoutSeconds": 600 }
        }
        """);

        Assert.Multiple(() =>
        {
            Assert.That(definition.Nodes["gate"].JoinStrategy, Is.EqualTo(JoinStrategy.First));
            Assert.That(definition.Edges[2].Kind, Is.EqualTo(EdgeKind.Error));
            Assert.That(definition.Actions[1].InputMappings["targets"], Is.EqualTo(new InputMapping("start", "targets")));
            Assert.That(definition.Config.TimeoutSeconds, Is.EqualTo(600));
        });
    }

    [Test]
    public void Definition_without_run_timeout_writes_an_empty_config()
    {
        var json = ContractJson.Write(new WorkflowDefinition { Title = "t", Entrypoint = new("start") });

        Assert.That(json, Does.Contain("\"config\":{}"));
    }
}
