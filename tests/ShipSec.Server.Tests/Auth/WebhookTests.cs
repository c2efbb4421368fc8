using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Auth.Keys;

namespace ShipSec.Server.Tests.Auth;

/// <summary>
/// <c>POST /webhooks/workflows/{id}/run</c> starts runs like <c>POST /workflows/{id}/run</c>, but only for a request with a valid
/// API key, even while the rest of the API is open because no key exists.
/// </summary>
public sealed class WebhookTests : FreshServerTests
{
    [Test]
    public async Task Without_any_key_in_existence_the_webhook_is_refused_while_the_rest_of_the_api_is_open()
    {
        var workflowId = await Api.CreateWorkflowAsync(Graphs.SplitThenProgress());

        var (status, problem) = await Api.SendAsync(HttpMethod.Post, $"/api/v1/webhooks/workflows/{workflowId}/run", RunBody());

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)problem!["detail"], Does.Contain("no API key exists yet").And.Contain("POST /api/v1/api-keys"));
        Assert.That(await Api.RunsAsync(workflowId), Is.Empty);
    }

    [Test]
    public async Task With_a_key_the_webhook_starts_a_run_that_completes_and_honours_the_idempotency_key()
    {
        var workflowId = await Api.CreateWorkflowAsync(Graphs.SplitThenProgress());
        var key = await CreateAsync(Api, "scanner-ci");
        var headers = new Dictionary<string, string>(Bearer(key)) { ["Idempotency-Key"] = "deploy-42" };

        var (status, accepted) = await Api.SendAsync(HttpMethod.Post, $"/api/v1/webhooks/workflows/{workflowId}/run", RunBody(), headers);
        var (again, repeated) = await Api.SendAsync(HttpMethod.Post, $"/api/v1/webhooks/workflows/{workflowId}/run", RunBody(), headers);
        Api.Http.DefaultRequestHeaders.Add("X-API-Key", key);
        var runId = (string)accepted!["runId"]!;
        var finished = await Api.WaitForStatusAsync(runId, "COMPLETED");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), () => accepted.ToJsonString());
        Assert.That((string?)accepted["status"], Is.Not.Empty);
        Assert.That(again, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((string?)repeated!["runId"], Is.EqualTo(runId));
        Assert.That((string?)finished["workflowId"], Is.EqualTo(workflowId));
        Assert.That((await Api.RunsAsync(workflowId)).Count, Is.EqualTo(1));
    }

    [Test]
    public async Task The_webhook_refuses_a_request_without_a_key_once_keys_exist()
    {
        var workflowId = await Api.CreateWorkflowAsync(Graphs.SplitThenProgress());
        await CreateAsync(Api, "ci");

        var (status, problem) = await Api.SendAsync(HttpMethod.Post, $"/api/v1/webhooks/workflows/{workflowId}/run", RunBody());

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)problem!["detail"], Does.StartWith("missing API key"));
    }

    private static JsonObject RunBody() => new() { ["inputs"] = new JsonObject { ["domains"] = "a.example\nb.example" } };
}
