using System.Text.Json.Nodes;
using ShipSec.Distributed.Tests.Infrastructure;

namespace ShipSec.Distributed.Tests.Scenarios.LiveStream;

/// <summary>The workflows the live-stream scenario runs, built from the <c>test.*</c> modules.</summary>
public static class Workflows
{
    /// <summary>Node id of the <c>test.logs</c> node in every workflow here.</summary>
    public const string LogsNode = "logs";

    /// <summary>What a user watches in a small run: waits, a few hundred log lines, and progress ticks.</summary>
    public static JsonObject Watched() => Graphs.Chain("watched",
        Sleep("warm-up", 300),
        Logs(lines: 300),
        Sleep("pause", 300),
        Graphs.Node("progress", "test.progress", new JsonObject { ["steps"] = 5, ["delayMs"] = 50 }));

    /// <summary>Log lines at a steady pace, so the run lasts long enough for a client to leave and come back while it is live.</summary>
    public static JsonObject Paced(int lines, double linesPerSecond) => Graphs.Chain("paced", Logs(lines, linesPerSecond));

    /// <summary>One node writing <paramref name="lines"/> log lines as fast as it can.</summary>
    public static JsonObject Flood(int lines) => Graphs.Chain("flood", Logs(lines));

    private static JsonObject Logs(int lines, double linesPerSecond = 0) =>
        Graphs.Node(LogsNode, "test.logs", new JsonObject { ["lines"] = lines, ["linesPerSecond"] = linesPerSecond });

    private static JsonObject Sleep(string id, int durationMs) => Graphs.Node(id, "test.sleep", new JsonObject { ["durationMs"] = durationMs });
}
