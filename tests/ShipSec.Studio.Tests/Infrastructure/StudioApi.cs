using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace ShipSec.Studio.Tests.Infrastructure;

/// <summary>The <c>/api/v1</c> calls the tests make to arrange workflows and runs and to check what the studio saved.</summary>
public sealed class StudioApi(HttpClient http)
{
    /// <summary>How long a test waits for something before failing.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public async Task<JsonNode> GetOkAsync(string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), () => $"GET {path}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> PostAsync(string path, JsonNode body, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), () => $"POST {path}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Saves a workflow graph; returns its id.</summary>
    public async Task<string> CreateWorkflowAsync(JsonObject graph) =>
        (string)(await PostAsync("/api/v1/workflows", graph, HttpStatusCode.Created))["id"]!;

    /// <summary>Starts a run of the workflow with <paramref name="inputs"/>; returns the run id.</summary>
    public async Task<string> StartRunAsync(string workflowId, JsonObject? inputs = null) =>
        (string)(await PostAsync($"/api/v1/workflows/{workflowId}/run", new JsonObject { ["inputs"] = inputs ?? new JsonObject() },
            HttpStatusCode.Accepted))["runId"]!;

    /// <summary>Polls the run's status until it has ended; returns the final status.</summary>
    public async Task<string> WaitForEndAsync(string runId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = (string)(await GetOkAsync($"/api/v1/workflows/runs/{runId}/status"))["status"]!;
            if (status is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMED_OUT") return status;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Run {runId} did not end; last status {status}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Every stored trace event of the run, in sequence order.</summary>
    public async Task<JsonArray> TraceAsync(string runId) =>
        (await GetOkAsync($"/api/v1/workflows/runs/{runId}/trace?after=0&limit=5000"))["events"]!.AsArray();
}
