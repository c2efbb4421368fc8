using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace ShipSec.Server.Tests.Infrastructure;

/// <summary>Calls the <c>/api/v1</c> routes the way a client would and reads answers as JSON.</summary>
public sealed class ApiClient(HttpClient http)
{
    /// <summary>How long a test waits for a run to reach a state before failing.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public HttpClient Http { get; } = http;

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Sends a raw body (for malformed documents).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendRawAsync(HttpMethod method, string path, string body)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode> GetOkAsync(string path)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), () => $"GET {path}: {body}");
        return body!;
    }

    /// <summary>Creates a workflow and returns its id (asserts 201).</summary>
    public async Task<string> CreateWorkflowAsync(JsonObject graph)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/v1/workflows", graph);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), () => $"create workflow: {body}");
        return (string)body!["id"]!;
    }

    /// <summary>Starts a run and returns its id (asserts 202).</summary>
    public async Task<string> StartRunAsync(string workflowId, JsonObject? inputs = null, string? idempotencyKey = null)
    {
        var (status, body) = await StartRunRawAsync(workflowId, inputs, idempotencyKey);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), () => $"start run: {body}");
        return (string)body!["runId"]!;
    }

    public Task<(HttpStatusCode Status, JsonNode? Body)> StartRunRawAsync(string workflowId, JsonObject? inputs = null,
        string? idempotencyKey = null, string header = "Idempotency-Key") =>
        SendAsync(HttpMethod.Post, $"/api/v1/workflows/{workflowId}/run",
            new JsonObject { ["inputs"] = inputs ?? new JsonObject() },
            idempotencyKey is null ? null : new Dictionary<string, string> { [header] = idempotencyKey });

    public Task<JsonNode> StatusAsync(string runId) => GetOkAsync($"/api/v1/workflows/runs/{runId}/status");

    /// <summary>Polls the run status until it is <paramref name="expected"/>; fails (showing the last status) after <see cref="Patience"/>.</summary>
    public Task<JsonNode> WaitForStatusAsync(string runId, string expected) =>
        WaitForAsync(() => StatusAsync(runId), s => (string?)s["status"] == expected, $"run {runId} to reach {expected}");

    /// <summary>Polls until the run's trace holds an event matching <paramref name="predicate"/>; returns the whole trace.</summary>
    public Task<JsonArray> WaitForTraceAsync(string runId, Func<JsonNode, bool> predicate, string what) =>
        WaitForAsync(() => TraceAsync(runId), events => events.Any(e => predicate(e!)), $"trace of {runId} to contain {what}");

    /// <summary>Every stored event of the run, following the cursor across pages.</summary>
    public async Task<JsonArray> TraceAsync(string runId, int pageSize = 5000)
    {
        var all = new JsonArray();
        long after = 0;
        while (true)
        {
            var page = await GetOkAsync($"/api/v1/workflows/runs/{runId}/trace?after={after}&limit={pageSize}");
            foreach (var e in page["events"]!.AsArray()) all.Add(e!.DeepClone());
            after = (long)page["cursor"]!;
            if (!(bool)page["hasMore"]!) return all;
        }
    }

    /// <summary>Repeats <paramref name="read"/> until <paramref name="done"/> holds; fails after <see cref="Patience"/> with the last value.</summary>
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

    public async Task<int> WorkflowCountAsync() => (await GetOkAsync("/api/v1/workflows")).AsArray().Count;

    public async Task<JsonArray> RunsAsync(string? workflowId = null) =>
        (await GetOkAsync(workflowId is null ? "/api/v1/workflows/runs?limit=200" : $"/api/v1/workflows/runs?workflowId={workflowId}&limit=200"))["runs"]!.AsArray();
}
