using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace ShipSec.Distributed.Tests.Infrastructure;

/// <summary>The <c>/api/v1</c> calls the scenarios make against a server process, read as JSON.</summary>
public sealed class Api(HttpClient http)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<string> CreateWorkflowAsync(JsonObject graph)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/workflows", graph);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    public async Task<string> StartRunAsync(string workflowId)
    {
        using var response = await http.PostAsJsonAsync($"/api/v1/workflows/{workflowId}/run", new JsonObject { ["inputs"] = new JsonObject() });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body);
        return (string)JsonNode.Parse(body)!["runId"]!;
    }

    public async Task<string?> StatusAsync(string runId) =>
        (string?)(await GetAsync($"/api/v1/workflows/runs/{runId}/status"))["status"];

    /// <summary>Every stored event of the run, following the cursor across pages.</summary>
    public async Task<List<JsonNode>> TraceAsync(string runId)
    {
        var all = new List<JsonNode>();
        long after = 0;
        while (true)
        {
            var page = await GetAsync($"/api/v1/workflows/runs/{runId}/trace?after={after}&limit=5000");
            all.AddRange(page["events"]!.AsArray().Select(e => e!.DeepClone()));
            after = (long)page["cursor"]!;
            if (!(bool)page["hasMore"]!) return all;
        }
    }

    /// <summary>
    /// The trace of a run that finished, once its final WORKFLOW_STATUS event is stored: trace batches travel on their
    /// own queue, so the last events may arrive a moment after the status changed.
    /// </summary>
    public async Task<List<JsonNode>> FinishedTraceAsync(string runId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var trace = await TraceAsync(runId);
            if (trace.Any(e => (string?)e["type"] == "WORKFLOW_STATUS" && (string?)e["data"]?["status"] is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMED_OUT"))
                return trace;
            if (DateTime.UtcNow > deadline) Assert.Fail($"The final status event of run {runId} was never stored; trace has {trace.Count} events");
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>The live stream (Server-Sent Events) of a run, with an optional query such as <c>?cursor=12</c>.</summary>
    public static string StreamPath(string runId, string query = "") => $"/api/v1/workflows/runs/{runId}/stream{query}";

    /// <summary>The content of one of the run's artifacts, as text.</summary>
    public async Task<string> DownloadAsync(string runId, string artifactId)
    {
        var path = $"/api/v1/workflows/runs/{runId}/artifacts/{artifactId}/download";
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}: {body}");
        return body;
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> ReadyAsync()
    {
        using var response = await http.GetAsync("/api/v1/health/ready");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Polls until every run has <paramref name="status"/>; fails after <paramref name="patience"/> naming the runs that did not.</summary>
    public async Task WaitForStatusAsync(IReadOnlyCollection<string> runIds, string status, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        var pending = runIds.ToHashSet();
        while (true)
        {
            foreach (var runId in pending.ToList())
            {
                if (await StatusAsync(runId) == status) pending.Remove(runId);
            }
            if (pending.Count == 0) return;
            if (DateTime.UtcNow > deadline)
            {
                var last = await Task.WhenAll(pending.Select(async r => $"{r}: {await StatusAsync(r)}"));
                Assert.Fail($"Gave up waiting for {status}: {string.Join(", ", last)}");
            }
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails after <paramref name="patience"/> with <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience, string what)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Gave up waiting for {what}");
            await Task.Delay(PollInterval);
        }
    }
}
