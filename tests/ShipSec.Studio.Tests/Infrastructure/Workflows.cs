using System.Text.Json.Nodes;

namespace ShipSec.Studio.Tests.Infrastructure;

/// <summary>Workflow graphs (ShipSec Studio's schema) the studio tests open and run, built from the <c>test.*</c> modules.</summary>
public static class Workflows
{
    /// <summary>entry (runtime input <c>title</c>) → <c>prog</c> (test.progress: <paramref name="steps"/> steps, a log line each) → <c>report</c> (markdown artifact).</summary>
    public static JsonObject ProgressReport(string name, int steps, int delayMs) => Graph(name,
        [
            Node("start", "core.workflow.entrypoint", 40, 60, new JsonObject
            {
                ["runtimeInputs"] = new JsonArray(new JsonObject
                {
                    ["id"] = "title", ["label"] = "Report title", ["type"] = "text", ["required"] = false, ["defaultValue"] = "Studio report",
                }),
            }),
            Node("prog", "test.progress", 320, 60, new JsonObject { ["steps"] = steps, ["delayMs"] = delayMs }),
            Node("report", "core.report.markdown", 600, 60, new JsonObject()),
        ],
        [
            Edge("start", "prog"),
            Edge("prog", "report", "steps", "data"),
            Edge("start", "report", "title", "title"),
        ]);

    /// <summary>entry → <c>fail</c> (test.fail, not retryable).</summary>
    public static JsonObject Failing(string name) => Graph(name,
        [Node("start", "core.workflow.entrypoint", 40, 60, new JsonObject { ["runtimeInputs"] = new JsonArray() }),
            Node("fail", "test.fail", 320, 60, new JsonObject { ["retryable"] = false })],
        [Edge("start", "fail")]);

    /// <summary>entry → <c>sleep</c> (test.sleep for <paramref name="durationMs"/>).</summary>
    public static JsonObject Sleeping(string name, int durationMs) => Graph(name,
        [Node("start", "core.workflow.entrypoint", 40, 60, new JsonObject { ["runtimeInputs"] = new JsonArray() }),
            Node("sleep", "test.sleep", 320, 60, new JsonObject { ["durationMs"] = durationMs })],
        [Edge("start", "sleep")]);

    /// <summary>entry (runtime input <c>targets</c>, text) → <c>split</c> (core.text.split of it): outputs follow the input.</summary>
    public static JsonObject SplitTargets(string name) => Graph(name,
        [
            Node("start", "core.workflow.entrypoint", 40, 60, new JsonObject
            {
                ["runtimeInputs"] = new JsonArray(new JsonObject { ["id"] = "targets", ["label"] = "Targets", ["type"] = "text", ["required"] = true }),
            }),
            Node("split", "core.text.split", 320, 60, new JsonObject()),
        ],
        [Edge("start", "split", "targets", "text")]);

    private static JsonObject Graph(string name, JsonObject[] nodes, JsonObject[] edges) =>
        new() { ["name"] = name, ["nodes"] = new JsonArray(nodes), ["edges"] = new JsonArray(edges) };

    private static JsonObject Node(string id, string component, int x, int y, JsonObject parameters) => new()
    {
        ["id"] = id,
        ["type"] = component,
        ["position"] = new JsonObject { ["x"] = x, ["y"] = y },
        ["data"] = new JsonObject
        {
            ["label"] = id,
            ["config"] = new JsonObject { ["params"] = parameters, ["inputOverrides"] = new JsonObject() },
        },
    };

    private static JsonObject Edge(string source, string target, string? sourceHandle = null, string? targetHandle = null)
    {
        var edge = new JsonObject { ["id"] = $"{source}-{target}-{targetHandle ?? "flow"}", ["source"] = source, ["target"] = target };
        if (sourceHandle is not null) edge["sourceHandle"] = sourceHandle;
        if (targetHandle is not null) edge["targetHandle"] = targetHandle;
        return edge;
    }
}
