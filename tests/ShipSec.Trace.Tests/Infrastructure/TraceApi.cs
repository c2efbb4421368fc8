using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace ShipSec.Trace.Tests.Infrastructure;

/// <summary>The <c>/api/v1</c> calls the trace tests make, the way a client makes them, with answers read as JSON.</summary>
public sealed class TraceApi(HttpClient http)
{
    /// <summary>How long a test waits for something before failing.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public HttpClient Http { get; } = http;

    public static string StreamPath(string runId, string query = "") => $"/api/v1/workflows/runs/{runId}/stream{query}";

    public async Task<JsonNode> GetOkAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), () => $"GET {path}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Saves <paramref name="graph"/> and starts a run of it; returns the run id.</summary>
    public async Task<string> StartAsync(JsonObject graph)
    {
        var workflowId = (string)(await PostAsync("/api/v1/workflows", graph, HttpStatusCode.Created))["id"]!;
        return (string)(await PostAsync($"/api/v1/workflows/{workflowId}/run", new JsonObject { ["inputs"] = new JsonObject() },
            HttpStatusCode.Accepted))["runId"]!;
    }

    public Task<JsonNode> StatusAsync(string runId) => GetOkAsync($"/api/v1/workflows/runs/{runId}/status");

    /// <summary>Polls the status until the run has ended; returns the final status document.</summary>
    public async Task<JsonNode> WaitForEndAsync(string runId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = await StatusAsync(runId);
            if ((string?)status["status"] is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMED_OUT") return status;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Run {runId} did not end; last status: {status}");
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Every stored event of the run, in sequence order, following the cursor across pages.</summary>
    public async Task<List<JsonNode>> TraceAsync(string runId)
    {
        var all = new List<JsonNode>();
        long after = 0;
        while (true)
        {
            var page = await GetOkAsync($"/api/v1/workflows/runs/{runId}/trace?after={after}&limit=5000");
            all.AddRange(page["events"]!.AsArray().Select(e => e!.DeepClone()));
            after = (long)page["cursor"]!;
            if (!(bool)page["hasMore"]!) return all;
        }
    }

    public async Task<JsonArray> ArtifactsAsync(string runId) =>
        (await GetOkAsync($"/api/v1/workflows/runs/{runId}/artifacts"))["artifacts"]!.AsArray();

    public async Task<string> DownloadAsync(string runId, string artifactId)
    {
        using var response = await Http.GetAsync($"/api/v1/workflows/runs/{runId}/artifacts/{artifactId}/download");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Repeats <paramref name="read"/> until <paramref name="done"/> holds; fails after <see cref="Patience"/>.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        var last = await read();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Gave up waiting for {what}; last seen: {last}");
            await Task.Delay(PollInterval);
            last = await read();
        }
        return last;
    }

    private async Task<JsonNode> PostAsync(string path, JsonNode body, HttpStatusCode expected)
    {
        using var response = await Http.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), () => $"POST {path}: {text}");
        return JsonNode.Parse(text)!;
    }
}
