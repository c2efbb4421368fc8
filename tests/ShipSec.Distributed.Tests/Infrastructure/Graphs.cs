using System.Text.Json.Nodes;

namespace ShipSec.Distributed.Tests.Infrastructure;

/// <summary>Workflow graphs of <c>test.*</c> nodes (ShipSec Studio's schema).</summary>
public static class Graphs
{
    /// <summary>The entry node followed by <paramref name="count"/> sleeps in a chain: <paramref name="count"/> + 1 nodes.</summary>
    public static JsonObject SleepChain(int count, int sleepMs) =>
        Workflow("sleep chain", Enumerable.Range(1, count).Select(i => Sleep($"sleep{i}", sleepMs)),
            Enumerable.Range(1, count).Select(i => Control(i == 1 ? "start" : $"sleep{i - 1}", $"sleep{i}")));

    /// <summary>The entry node fanning out to <paramref name="width"/> parallel sleeps: <paramref name="width"/> + 1 nodes.</summary>
    public static JsonObject SleepFanOut(int width, int sleepMs) =>
        Workflow("sleep fan-out", Enumerable.Range(1, width).Select(i => Sleep($"sleep{i}", sleepMs)),
            Enumerable.Range(1, width).Select(i => Control("start", $"sleep{i}")));

    /// <summary><paramref name="lanes"/> parallel chains of <paramref name="depth"/> sleeps after the entry node.</summary>
    public static JsonObject SleepLanes(int lanes, int depth, int sleepMs) =>
        Workflow("sleep lanes",
            from lane in Enumerable.Range(1, lanes) from step in Enumerable.Range(1, depth) select Sleep($"l{lane}s{step}", sleepMs),
            from lane in Enumerable.Range(1, lanes) from step in Enumerable.Range(1, depth)
            select Control(step == 1 ? "start" : $"l{lane}s{step - 1}", $"l{lane}s{step}"));

    /// <summary>The entry node followed by <paramref name="nodes"/> (made with <see cref="Node"/>) in a chain, in the order given.</summary>
    public static JsonObject Chain(string name, params JsonObject[] nodes) =>
        Workflow(name, nodes, nodes.Select((node, i) => Control(i == 0 ? "start" : (string)nodes[i - 1]["id"]!, (string)node["id"]!)));

    /// <summary>A node running <paramref name="componentId"/> with <paramref name="parameters"/>.</summary>
    public static JsonObject Node(string id, string componentId, JsonObject parameters) => new()
    {
        ["id"] = id,
        ["type"] = componentId,
        ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 },
        ["data"] = new JsonObject
        {
            ["label"] = id,
            ["config"] = new JsonObject { ["params"] = parameters, ["inputOverrides"] = new JsonObject() },
        },
    };

    private static JsonObject Workflow(string name, IEnumerable<JsonObject> nodes, IEnumerable<JsonObject> edges) => new()
    {
        ["name"] = name,
        ["nodes"] = new JsonArray([Node("start", "core.workflow.entrypoint", new JsonObject { ["runtimeInputs"] = new JsonArray() }), .. nodes]),
        ["edges"] = new JsonArray([.. edges]),
    };

    private static JsonObject Sleep(string id, int sleepMs) => Node(id, "test.sleep", new JsonObject { ["durationMs"] = sleepMs });

    private static JsonObject Control(string source, string target) => new()
    {
        ["id"] = $"{source}-{target}",
        ["source"] = source,
        ["target"] = target,
    };
}
