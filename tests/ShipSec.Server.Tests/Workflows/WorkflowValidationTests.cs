using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Server.Tests.Workflows;

/// <summary>Each class of graph problem is a 400 ProblemDetails carrying the rule's code, and nothing is stored.</summary>
public sealed class WorkflowValidationTests : ServerTests
{
    /// <summary>A graph breaking one rule, and the code the rule reports.</summary>
    public sealed record InvalidGraph(string Name, Func<JsonObject> Build, string Code)
    {
        public override string ToString() => Name;
    }

    private static JsonObject Base(IEnumerable<JsonObject>? extraNodes = null, IEnumerable<JsonObject>? edges = null,
        Action<JsonObject>? tweak = null)
    {
        var graph = Workflow("invalid",
            [Entry("start", RuntimeInput("domains", "text")), Node("split", "core.text.split"), .. extraNodes ?? []],
            edges ?? [Data("start", "domains", "split", "text")]);
        tweak?.Invoke(graph);
        return graph;
    }

    public static IEnumerable<InvalidGraph> Cases() =>
    [
        new("no entry node", () => Workflow("x", [Node("split", "core.text.split", inputOverrides: new JsonObject { ["text"] = "a" })]),
            "missing-entrypoint"),
        new("two entry nodes", () => Base([Entry("start2")]), "multiple-entrypoints"),
        new("unknown component", () => Base([Node("mystery", "no.such.component")]), "unknown-component"),
        new("cycle", () => Base([Node("sleep", "test.sleep")],
            [Data("start", "domains", "split", "text"), Control("split", "sleep"), Control("sleep", "split")]), "cycle"),
        new("edge with one handle", () => Base(edges:
            [Data("start", "domains", "split", "text"), new JsonObject { ["id"] = "half", ["source"] = "start", ["target"] = "split", ["sourceHandle"] = "domains" }]),
            "half-handle"),
        new("edge to an unknown node", () => Base(edges: [Data("start", "domains", "split", "text"), Control("split", "ghost")]), "unknown-node"),
        new("unknown output handle", () => Base(edges: [Data("start", "nope", "split", "text")]), "unknown-source-handle"),
        new("unknown input handle", () => Base(edges: [Data("start", "domains", "split", "text"), Data("start", "domains", "split", "nope")]),
            "unknown-target-handle"),
        new("input fed twice", () => Base([Entry("ignored")], [Data("start", "domains", "split", "text"),
            new JsonObject { ["id"] = "again", ["source"] = "start", ["target"] = "split", ["sourceHandle"] = "domains", ["targetHandle"] = "text" }]),
            "duplicate-target-input"),
        new("incompatible port types", () => Base([Node("join", "core.text.join")],
            [Data("start", "domains", "split", "text"), Data("split", "count", "join", "items")]), "incompatible-port-types"),
        new("missing required input", () => Base(edges: []), "missing-required-input"),
        new("empty name", () => Base(tweak: g => g["name"] = ""), "empty-name"),
        new("unknown join strategy", () => Base(tweak: g => g["nodes"]![1]!["data"]!["config"]!["joinStrategy"] = "sometimes"),
            "invalid-join-strategy"),
        new("retry policy without attempts", () => Base(tweak: g => g["nodes"]![1]!["data"]!["config"]!["retryPolicy"] = new JsonObject { ["maxAttempts"] = 0 }),
            "invalid-retry-policy"),
        new("runtime inputs not a list", () => Base(tweak: g => g["nodes"]![0]!["data"]!["config"]!["params"]!["runtimeInputs"] = "domains"),
            "invalid-runtime-inputs"),
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task Create_rejects_the_graph_with_the_rule_code_and_stores_nothing(InvalidGraph invalid)
    {
        var before = await Api.WorkflowCountAsync();

        var (status, problem) = await Api.SendAsync(HttpMethod.Post, "/api/v1/workflows", invalid.Build());

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), () => problem?.ToJsonString() ?? "");
        Assert.That((int)problem!["status"]!, Is.EqualTo(400));
        var errors = problem["errors"]!.AsArray();
        Assert.That(errors.Select(e => (string?)e!["code"]), Does.Contain(invalid.Code), () => problem.ToJsonString());
        var error = errors.First(e => (string?)e!["code"] == invalid.Code)!;
        Assert.That((string?)error["message"], Is.Not.Empty);
        Assert.That(error["nodeId"] ?? error["edgeId"] ?? error["field"], Is.Not.Null, "the error points at a node, edge or field");
        Assert.That(await Api.WorkflowCountAsync(), Is.EqualTo(before));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Update_rejects_the_graph_and_keeps_the_current_version(InvalidGraph invalid)
    {
        var id = await Api.CreateWorkflowAsync(SplitThenProgress());

        var (status, problem) = await Api.SendAsync(HttpMethod.Put, $"/api/v1/workflows/{id}", invalid.Build());
        var current = await Api.GetOkAsync($"/api/v1/workflows/{id}");
        var (versionStatus, _) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/workflows/{id}/versions/2");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!["errors"]!.AsArray().Select(e => (string?)e!["code"]), Does.Contain(invalid.Code));
        Assert.That((int)current["version"]!, Is.EqualTo(1));
        Assert.That((string?)current["name"], Is.EqualTo("split then progress"));
        Assert.That(versionStatus, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Errors_name_the_node_and_edge_at_fault()
    {
        var graph = Base(edges: [Data("start", "domains", "split", "text"), Control("split", "ghost")]);

        var (_, problem) = await Api.SendAsync(HttpMethod.Post, "/api/v1/workflows", graph);

        var error = problem!["errors"]!.AsArray().Single(e => (string?)e!["code"] == "unknown-node")!;
        Assert.That((string?)error["edgeId"], Is.EqualTo("split-ghost"));
        Assert.That((string?)error["field"], Does.Contain("target"));
        Assert.That((string?)error["message"], Does.Contain("ghost"));
    }
}
