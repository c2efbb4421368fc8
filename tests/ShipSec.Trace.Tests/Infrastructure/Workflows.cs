using System.Text.Json.Nodes;

namespace ShipSec.Trace.Tests.Infrastructure;

/// <summary>Workflow graphs (ShipSec Studio's schema) for the trace tests: an entry node followed by a chain of test modules.</summary>
public static class Workflows
{
    /// <summary>entry → each of <paramref name="steps"/> in turn (control edges), each step a (node id, component, params) triple.</summary>
    public static JsonObject Chain(string name, params (string Id, string Component, JsonObject Params)[] steps)
    {
        var nodes = new JsonArray { Node("start", "core.workflow.entrypoint", new JsonObject { ["runtimeInputs"] = new JsonArray() }) };
        var edges = new JsonArray();
        var previous = "start";
        foreach (var (id, component, parameters) in steps)
        {
            nodes.Add(Node(id, component, parameters));
            edges.Add(new JsonObject { ["id"] = $"{previous}-{id}", ["source"] = previous, ["target"] = id });
            previous = id;
        }
        return new JsonObject { ["name"] = name, ["nodes"] = nodes, ["edges"] = edges };
    }

    /// <summary>A <c>test.logs</c> step writing <paramref name="lines"/> lines.</summary>
    public static (string, string, JsonObject) Logs(string id, long lines, int lineLength = 80, double linesPerSecond = 0) =>
        (id, "test.logs", new JsonObject { ["lines"] = lines, ["lineLength"] = lineLength, ["linesPerSecond"] = linesPerSecond });

    public static (string, string, JsonObject) Sleep(string id, int durationMs) =>
        (id, "test.sleep", new JsonObject { ["durationMs"] = durationMs });

    public static (string, string, JsonObject) Progress(string id, int steps) =>
        (id, "test.progress", new JsonObject { ["steps"] = steps });

    public static (string, string, JsonObject) Fail(string id) =>
        (id, "test.fail", new JsonObject { ["retryable"] = false });

    private static JsonObject Node(string id, string component, JsonObject parameters) => new()
    {
        ["id"] = id,
        ["type"] = component,
        ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 },
        ["data"] = new JsonObject
        {
            ["label"] = id,
            ["config"] = new JsonObject { ["params"] = parameters, ["inputOverrides"] = new JsonObject() },
        },
    };
}
