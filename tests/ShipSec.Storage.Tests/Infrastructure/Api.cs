using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace ShipSec.Storage.Tests.Infrastructure;

/// <summary>Calls the <c>/api/v1</c> routes the way a client would.</summary>
public sealed class Api(HttpClient http)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public HttpClient Http { get; } = http;

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode> GetOkAsync(string path)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), () => $"GET {path}: {body}");
        return body!;
    }

    /// <summary>Creates a workflow from <paramref name="nodes"/> and <paramref name="edges"/> and starts a run; returns its id.</summary>
    public async Task<string> RunAsync(JsonObject[] nodes, JsonObject[] edges, JsonObject? inputs = null)
    {
        var graph = new JsonObject
        {
            ["name"] = "storage test",
            ["nodes"] = new JsonArray([.. nodes]),
            ["edges"] = new JsonArray([.. edges]),
        };
        var (created, workflow) = await SendAsync(HttpMethod.Post, "/api/v1/workflows", graph);
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), () => $"create workflow: {workflow}");
        var (accepted, run) = await SendAsync(HttpMethod.Post, $"/api/v1/workflows/{workflow!["id"]}/run",
            new JsonObject { ["inputs"] = inputs ?? new JsonObject() });
        Assert.That(accepted, Is.EqualTo(HttpStatusCode.Accepted), () => $"start run: {run}");
        return (string)run!["runId"]!;
    }

    /// <summary>Polls until the run reaches a final status; returns it.</summary>
    public async Task<string> WaitForEndAsync(string runId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var body = await GetOkAsync($"/api/v1/workflows/runs/{runId}/status");
            var status = (string)body["status"]!;
            if (status is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMED_OUT")
            {
                if (body["failure"] is { } failure) TestContext.Out.WriteLine($"run {runId} {status}: {failure.ToJsonString()}");
                return status;
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"run {runId} still {status} after {Patience}");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls until the run's trace holds its final WORKFLOW_STATUS event; returns every event.</summary>
    public async Task<JsonArray> FinalTraceAsync(string runId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var events = (await GetOkAsync($"/api/v1/workflows/runs/{runId}/trace?limit=5000"))["events"]!.AsArray();
            if (events.Any(e => (string?)e!["type"] == "WORKFLOW_STATUS"
                    && (string?)e["data"]!["status"] is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMED_OUT")) return events;
            if (DateTime.UtcNow > deadline) Assert.Fail($"trace of {runId} never reached a final WORKFLOW_STATUS");
            await Task.Delay(100);
        }
    }

    /// <summary>Uploads <paramref name="content"/> as the multipart field <c>file</c>; without a known length it goes chunked.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> UploadAsync(HttpContent content, string fileName, string contentType)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { content, "file", fileName } };
        using var response = await Http.PostAsync("/api/v1/files/upload", form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static JsonObject Node(string id, string componentId, JsonObject? parameters = null) => new()
    {
        ["id"] = id,
        ["type"] = componentId,
        ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 },
        ["data"] = new JsonObject
        {
            ["label"] = id,
            ["config"] = new JsonObject { ["params"] = parameters ?? new JsonObject(), ["inputOverrides"] = new JsonObject() },
        },
    };

    public static JsonObject Entry(params JsonObject[] runtimeInputs) =>
        Node("start", "core.workflow.entrypoint", new JsonObject { ["runtimeInputs"] = new JsonArray([.. runtimeInputs]) });

    public static JsonObject RuntimeInput(string id, string type) => new() { ["id"] = id, ["label"] = id, ["type"] = type, ["required"] = true };

    public static JsonObject Control(string source, string target) => new() { ["id"] = $"{source}-{target}", ["source"] = source, ["target"] = target };

    public static JsonObject Data(string source, string sourceHandle, string target, string targetHandle) => new()
    {
        ["id"] = $"{source}.{sourceHandle}-{target}.{targetHandle}",
        ["source"] = source,
        ["target"] = target,
        ["sourceHandle"] = sourceHandle,
        ["targetHandle"] = targetHandle,
    };
}
