using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;

namespace ShipSec.Flowchart.Tests.Compilation;

public class CompiledDefinitionTests
{
    private static readonly TestCatalog Catalog = new();

    [Test]
    public void Recon_sample_compiles_to_the_expected_definition()
    {
        var graph = ReconGraph.Load();

        var definition = WorkflowCompiler.Compile(graph, 7, Catalog);

        Json.AssertEquivalent("""
        {
          "version": 7,
          "title": "External recon",
          "entrypoint": { "ref": "start" },
          "nodes": {
            "start": { "ref": "start", "label": "Start", "componentId": "core.workflow.entrypoint", "joinStrategy": "all", "branchingPorts": [] },
            "subfinder": { "ref": "subfinder", "label": "Subfinder", "componentId": "shipsec.subfinder.run", "joinStrategy": "all", "branchingPorts": [] },
            "dnsx": { "ref": "dnsx", "label": "Resolve DNS", "componentId": "shipsec.dnsx.run", "joinStrategy": "all", "branchingPorts": [] },
            "naabu": { "ref": "naabu", "label": "Port scan", "componentId": "shipsec.naabu.scan", "joinStrategy": "all", "maxConcurrency": 4, "branchingPorts": [] },
            "httpx": { "ref": "httpx", "label": "Probe HTTP", "componentId": "shipsec.httpx.scan", "joinStrategy": "all", "branchingPorts": [] },
            "report": { "ref": "report", "label": "Write report", "componentId": "core.artifact.writer", "joinStrategy": "any", "branchingPorts": [] },
            "alert": { "ref": "alert", "label": "Alert on failure", "componentId": "core.notification.slack", "joinStrategy": "all", "branchingPorts": [] }
          },
          "edges": [
            { "id": "e1", "sourceRef": "start", "targetRef": "subfinder", "sourceHandle": "domains", "targetHandle": "domains", "kind": "success" },
            { "id": "e2", "sourceRef": "subfinder", "targetRef": "dnsx", "sourceHandle": "subdomains", "targetHandle": "domains", "kind": "success" },
            { "id": "e3", "sourceRef": "dnsx", "targetRef": "naabu", "sourceHandle": "resolvedHosts", "targetHandle": "targets", "kind": "success" },
            { "id": "e4", "sourceRef": "dnsx", "targetRef": "httpx", "sourceHandle": "resolvedHosts", "targetHandle": "targets", "kind": "success" },
            { "id": "e5", "sourceRef": "naabu", "targetRef": "report", "kind": "success" },
            { "id": "e6", "sourceRef": "httpx", "targetRef": "report", "sourceHandle": "responses", "targetHandle": "content", "kind": "success" },
            { "id": "e7", "sourceRef": "naabu", "targetRef": "alert", "sourceHandle": "error", "targetHandle": "message", "kind": "error" }
          ],
          "dependencyCounts": { "start": 0, "subfinder": 1, "dnsx": 1, "naabu": 1, "httpx": 1, "report": 2, "alert": 1 },
          "actions": [
            { "ref": "start", "componentId": "core.workflow.entrypoint",
              "params": { "runtimeInputs": [
                { "id": "domains", "label": "Target domains", "type": "array", "required": true },
                { "id": "notes", "label": "Notes", "type": "string", "required": false, "defaultValue": "none" } ] },
              "inputOverrides": { "notes": "none" }, "dependsOn": [], "inputMappings": {} },
            { "ref": "subfinder", "componentId": "shipsec.subfinder.run", "params": { "threads": 20 }, "inputOverrides": {},
              "dependsOn": ["start"], "inputMappings": { "domains": { "sourceRef": "start", "sourceHandle": "domains" } },
              "timeoutSeconds": 1800 },
            { "ref": "dnsx", "componentId": "shipsec.dnsx.run", "params": {}, "inputOverrides": {},
              "dependsOn": ["subfinder"], "inputMappings": { "domains": { "sourceRef": "subfinder", "sourceHandle": "subdomains" } },
              "timeoutSeconds": 180 },
            { "ref": "naabu", "componentId": "shipsec.naabu.scan", "params": { "ports": "80,443,8080" }, "inputOverrides": {},
              "dependsOn": ["dnsx"], "inputMappings": { "targets": { "sourceRef": "dnsx", "sourceHandle": "resolvedHosts" } },
              "retryPolicy": { "maxAttempts": 3, "initialIntervalSeconds": 0.5, "backoffCoefficient": 2,
                               "maximumIntervalSeconds": 10, "nonRetryableErrorTypes": ["ValidationError"] },
              "timeoutSeconds": 600 },
            { "ref": "httpx", "componentId": "shipsec.httpx.scan", "params": { "followRedirects": true }, "inputOverrides": {},
              "dependsOn": ["dnsx"], "inputMappings": { "targets": { "sourceRef": "dnsx", "sourceHandle": "resolvedHosts" } },
              "timeoutSeconds": 240 },
            { "ref": "report", "componentId": "core.artifact.writer", "params": { "format": "markdown" }, "inputOverrides": { "title": "Recon report" },
              "dependsOn": ["naabu", "httpx"], "inputMappings": { "content": { "sourceRef": "httpx", "sourceHandle": "responses" } } },
            { "ref": "alert", "componentId": "core.notification.slack", "params": { "webhook": "slack-webhook" }, "inputOverrides": {},
              "dependsOn": ["naabu"], "inputMappings": { "message": { "sourceRef": "naabu", "sourceHandle": "error" } },
              "timeoutSeconds": 30 }
          ],
          "config": { "timeoutSeconds": 3600 }
        }
        """, Json.Write(definition));
    }

    [Test]
    public void Ready_nodes_are_ordered_by_their_position_in_the_graph()
    {
        // naabu and httpx become ready together (after dnsx): naabu is listed first. report (listed first of all)
        // becomes ready after alert has, yet precedes it once both wait.
        var definition = WorkflowCompiler.Compile(ReconGraph.Load(), 1, Catalog);

        Assert.That(definition.Actions.Select(a => a.Ref),
            Is.EqualTo(new[] { "start", "subfinder", "dnsx", "naabu", "httpx", "report", "alert" }));
    }

    [Test]
    public void Reordering_nodes_in_the_graph_changes_only_the_order_of_independent_actions()
    {
        var graph = ReconGraph.Load();
        var swapped = graph with { Nodes = graph.Nodes.OrderBy(n => n.Id == "httpx" ? 0 : 1).ToList() };

        var definition = WorkflowCompiler.Compile(swapped, 1, Catalog);

        Assert.That(definition.Actions.Select(a => a.Ref),
            Is.EqualTo(new[] { "start", "subfinder", "dnsx", "httpx", "naabu", "report", "alert" }));
    }

    [Test]
    public void Node_timeout_overrides_the_component_default_and_the_entry_timeout_becomes_the_run_timeout()
    {
        var graph = ReconGraph.Load().WithConfig("httpx", c => c with { TimeoutSeconds = 45 });

        var definition = WorkflowCompiler.Compile(graph, 1, Catalog);

        var timeouts = definition.Actions.ToDictionary(a => a.Ref, a => a.TimeoutSeconds);
        Assert.Multiple(() =>
        {
            Assert.That(timeouts["httpx"], Is.EqualTo(45), "node setting wins");
            Assert.That(timeouts["dnsx"], Is.EqualTo(180), "component default");
            Assert.That(timeouts["report"], Is.Null, "neither set");
            Assert.That(timeouts["start"], Is.Null, "the entry node's timeout is not a node timeout");
            Assert.That(definition.Config.TimeoutSeconds, Is.EqualTo(3600));
        });
    }

    [Test]
    public void Edge_kind_defaults_to_success()
    {
        var definition = WorkflowCompiler.Compile(ReconGraph.Load(), 1, Catalog);

        Assert.That(definition.Edges.Single(e => e.Id == "e1").Kind, Is.EqualTo(EdgeKind.Success));
    }

    [Test]
    public void Depends_on_names_each_source_once_while_dependency_counts_count_every_inbound_edge()
    {
        var graph = ReconGraph.Load().WithEdge("e8", "httpx", "report", "resultCount", "title");

        var definition = WorkflowCompiler.Compile(graph, 1, Catalog);

        var report = definition.Actions.Single(a => a.Ref == "report");
        Assert.Multiple(() =>
        {
            Assert.That(report.DependsOn, Is.EqualTo(new[] { "naabu", "httpx" }));
            Assert.That(definition.DependencyCounts["report"], Is.EqualTo(3));
            Assert.That(report.InputMappings.Keys, Is.EquivalentTo(new[] { "content", "title" }));
        });
    }

    [Test]
    public void Branching_output_ports_are_listed_in_the_node_metadata()
    {
        var graph = ReconGraph.Load()
            .WithNewNode("gate", TestCatalog.Branch.Id)
            .WithEdge("g1", "httpx", "gate", "resultCount", "value")
            .WithEdge("g2", "gate", "report", "true", "title");

        var definition = WorkflowCompiler.Compile(graph, 1, Catalog);

        Assert.Multiple(() =>
        {
            Assert.That(definition.Nodes["gate"].BranchingPorts, Is.EqualTo(new[] { "true", "false" }));
            Assert.That(definition.Nodes["httpx"].BranchingPorts, Is.Empty);
        });
    }

    [Test]
    public void Self_handle_maps_the_whole_output_of_the_source()
    {
        var graph = ReconGraph.Load().WithEdge("e6", e => e with { SourceHandle = "__self__" });

        var definition = WorkflowCompiler.Compile(graph, 1, Catalog);

        Assert.That(definition.Actions.Single(a => a.Ref == "report").InputMappings["content"],
            Is.EqualTo(new ShipSec.Contracts.Definitions.InputMapping("httpx", "__self__")));
    }

    [Test]
    public void Dynamic_ports_resolved_from_parameters_can_be_connected()
    {
        var graph = ReconGraph.Load()
            .WithNewNode("pick", TestCatalog.ArrayPick.Id)
            .WithParam("pick", "fields", Json.Of(new[] { "url", "status" }))
            .WithEdge("p1", "httpx", "pick", "responses", "items")
            .WithNewNode("reprobe", TestCatalog.Httpx.Id)
            .WithEdge("p2", "pick", "reprobe", "url", "targets");

        var definition = WorkflowCompiler.Compile(graph, 1, Catalog);

        Assert.That(definition.Actions.Single(a => a.Ref == "reprobe").InputMappings["targets"],
            Is.EqualTo(new ShipSec.Contracts.Definitions.InputMapping("pick", "url")));
    }
}
