using System.Text.Json.Nodes;

namespace ShipSec.Server.Tests.Infrastructure;

/// <summary>Builds workflow graph documents (ShipSec Studio's schema) for tests.</summary>
public static class Graphs
{
    /// <summary>A graph document; nodes and edges come from <see cref="Node"/>, <see cref="Entry"/> and the edge helpers.</summary>
    public static JsonObject Workflow(string name, IEnumerable<JsonObject> nodes, IEnumerable<JsonObject>? edges = null) => new()
    {
        ["name"] = name,
        ["description"] = $"{name} (test)",
        ["nodes"] = new JsonArray([.. nodes]),
        ["edges"] = new JsonArray([.. edges ?? []]),
        ["viewport"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["zoom"] = 1 },
    };

    /// <summary>The entry node, declaring <paramref name="runtimeInputs"/> (<c>{id, label, type, required}</c>).</summary>
    public static JsonObject Entry(string id = "start", params JsonObject[] runtimeInputs) =>
        Node(id, "core.workflow.entrypoint", new JsonObject { ["runtimeInputs"] = new JsonArray([.. runtimeInputs]) });

    public static JsonObject RuntimeInput(string id, string type, bool required = true) => new()
    {
        ["id"] = id,
        ["label"] = id,
        ["type"] = type,
        ["required"] = required,
    };

    public static JsonObject Node(string id, string componentId, JsonObject? parameters = null, JsonObject? inputOverrides = null,
        JsonObject? retryPolicy = null)
    {
        var config = new JsonObject
        {
            ["params"] = parameters ?? new JsonObject(),
            ["inputOverrides"] = inputOverrides ?? new JsonObject(),
        };
        if (retryPolicy is not null) config["retryPolicy"] = retryPolicy;
        return new JsonObject
        {
            ["id"] = id,
            ["type"] = componentId,
            ["position"] = new JsonObject { ["x"] = 10, ["y"] = 20 },
            ["data"] = new JsonObject { ["label"] = id, ["config"] = config },
        };
    }

    /// <summary>An ordering-only edge.</summary>
    public static JsonObject Control(string source, string target) => new()
    {
        ["id"] = $"{source}-{target}",
        ["source"] = source,
        ["target"] = target,
    };

    /// <summary>A data edge: output <paramref name="sourceHandle"/> of <paramref name="source"/> feeds input <paramref name="targetHandle"/> of <paramref name="target"/>.</summary>
    public static JsonObject Data(string source, string sourceHandle, string target, string targetHandle) => new()
    {
        ["id"] = $"{source}.{sourceHandle}-{target}.{targetHandle}",
        ["source"] = source,
        ["target"] = target,
        ["sourceHandle"] = sourceHandle,
        ["targetHandle"] = targetHandle,
    };

    /// <summary>entry(text input "domains") → core.text.split (data edge) → test.progress (control edge).</summary>
    public static JsonObject SplitThenProgress(int steps = 3) => Workflow("split then progress",
        [
            Entry("start", RuntimeInput("domains", "text")),
            Node("split", "core.text.split"),
            Node("progress", "test.progress", new JsonObject { ["steps"] = steps }),
        ],
        [Data("start", "domains", "split", "text"), Control("split", "progress")]);
}
