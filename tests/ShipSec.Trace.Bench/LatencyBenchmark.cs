using System.Text.Json.Nodes;

namespace ShipSec.Trace.Bench;

/// <summary>
/// Emit-to-SSE latency: a <c>test.logs</c> node writes lines at a fixed rate while HTTP clients follow the run's <c>/stream</c>;
/// each NODE_LOG line's latency is the time a client parsed it minus its event timestamp (taken when the module logged it). Same
/// process, same clock. One client follows the server that executes and collects the run (module → emitter → bus → collector →
/// store → in-process notifier → SSE); on the PostgreSQL profile a second one, at the same time, follows a server in role
/// <c>api</c> that shares only the database and the bus, and so learns of new rows through the database (its notifier or poll).
/// </summary>
public static class LatencyBenchmark
{
    public sealed record Result(string Client, int Lines, double LinesPerSecond, int Received, double P50Ms, double P99Ms, double MaxMs);

    public static async Task<List<Result>> RunAsync(BenchProfile profile, int lines, double linesPerSecond)
    {
        var settings = new Dictionary<string, string>
        {
            ["ShipSec:Trace:MaxLogLinesPerNode"] = (lines + 1).ToString(),
            ["ShipSec:Trace:MaxLogLinesPerSecond"] = "0",
        };
        await using var deployment = await BenchDeployment.CreateAsync(profile);
        // The first server migrates the database; the api server starts after it.
        await using var collecting = await BenchServer.StartAsync(deployment, settings);
        await using var api = profile == BenchProfile.Postgres ? await BenchServer.StartAsync(deployment, settings, role: "api") : null;

        var clients = new List<(string Name, HttpClient Http)> { ("same instance (role `all`, collects)", Client(collecting)) };
        if (api is not null) clients.Add(("second instance (role `api`)", Client(api)));
        try
        {
            var runId = await StartRunAsync(clients[0].Http, lines, linesPerSecond);
            var followed = await Task.WhenAll(clients.Select(c => FollowAsync(c.Http, runId)));
            return clients.Zip(followed, (client, latencies) => new Result(client.Name, lines, linesPerSecond, latencies.Count,
                Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1])).ToList();
        }
        finally
        {
            foreach (var (_, http) in clients) http.Dispose();
        }
    }

    private static HttpClient Client(BenchServer server) => new() { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Follows the run's stream to its <c>complete</c> message; returns the latency of every NODE_LOG line, sorted.</summary>
    private static async Task<List<double>> FollowAsync(HttpClient http, string runId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/workflows/runs/{runId}/stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var latencies = new List<double>();
        string? eventName = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) eventName = line["event: ".Length..];
            if (eventName == "complete") break;
            if (eventName != "trace" || !line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var receivedAt = DateTimeOffset.UtcNow;
            foreach (var e in JsonNode.Parse(line["data: ".Length..])!["events"]!.AsArray())
            {
                if ((string?)e!["type"] != "NODE_LOG" || (string?)e["nodeId"] != "logs") continue;
                latencies.Add((receivedAt - e["timestamp"]!.GetValue<DateTimeOffset>()).TotalMilliseconds);
            }
        }
        if (latencies.Count == 0) throw new InvalidOperationException($"The stream of run {runId} at {http.BaseAddress} completed without a NODE_LOG line.");
        latencies.Sort();
        return latencies;
    }

    private static async Task<string> StartRunAsync(HttpClient http, int lines, double linesPerSecond)
    {
        var graph = new JsonObject
        {
            ["name"] = "latency",
            ["nodes"] = new JsonArray
            {
                Node("start", "core.workflow.entrypoint", new JsonObject { ["runtimeInputs"] = new JsonArray() }),
                Node("logs", "test.logs", new JsonObject { ["lines"] = lines, ["lineLength"] = 80, ["linesPerSecond"] = linesPerSecond }),
            },
            ["edges"] = new JsonArray { new JsonObject { ["id"] = "start-logs", ["source"] = "start", ["target"] = "logs" } },
        };
        var created = await PostAsync(http, "/api/v1/workflows", graph);
        var run = await PostAsync(http, $"/api/v1/workflows/{created["id"]}/run", new JsonObject { ["inputs"] = new JsonObject() });
        return (string)run["runId"]!;
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, JsonObject body)
    {
        using var response = await http.PostAsync(path, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonObject Node(string id, string component, JsonObject parameters) => new()
    {
        ["id"] = id,
        ["type"] = component,
        ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 },
        ["data"] = new JsonObject { ["label"] = id, ["config"] = new JsonObject { ["params"] = parameters, ["inputOverrides"] = new JsonObject() } },
    };

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
