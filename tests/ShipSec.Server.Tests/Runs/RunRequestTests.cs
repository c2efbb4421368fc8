using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Server.Tests.Runs;

/// <summary>Starting runs: input validation, idempotency keys, unknown ids and bad query values.</summary>
public sealed class RunRequestTests : ServerTests
{
    private static JsonObject TypedInputs() => Workflow("typed inputs",
        [
            Entry("start", RuntimeInput("count", "number"), RuntimeInput("enabled", "boolean", required: false)),
            Node("nap", "test.sleep", new JsonObject { ["durationMs"] = 1 }),
        ],
        [Control("start", "nap")]);

    [Test]
    public async Task Inputs_of_the_wrong_type_are_a_400_per_input_and_create_no_run()
    {
        var workflowId = await Api.CreateWorkflowAsync(TypedInputs());

        var (status, problem) = await Api.StartRunRawAsync(workflowId, new JsonObject { ["count"] = "three", ["enabled"] = 1 });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = problem!["errors"]!.AsArray();
        Assert.That(errors.Select(e => ((string?)e!["inputId"], (string?)e["code"])),
            Is.EquivalentTo(new[] { ("count", "wrong-type"), ("enabled", "wrong-type") }));
        Assert.That(await Api.RunsAsync(workflowId), Is.Empty);
    }

    [Test]
    public async Task A_missing_required_input_is_a_400_and_creates_no_run()
    {
        var workflowId = await Api.CreateWorkflowAsync(TypedInputs());

        var (status, problem) = await Api.StartRunRawAsync(workflowId);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem!["errors"]![0]!["code"], Is.EqualTo("missing-required-input"));
        Assert.That(await Api.RunsAsync(workflowId), Is.Empty);
    }

    [Test]
    public async Task A_run_request_answers_202_with_the_queued_run()
    {
        var workflowId = await Api.CreateWorkflowAsync(TypedInputs());

        var (status, body) = await Api.StartRunRawAsync(workflowId, new JsonObject { ["count"] = 3 });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((string?)body!["runId"], Does.StartWith("shipsec-run-"));
        Assert.That((string?)body["workflowId"], Is.EqualTo(workflowId));
        Assert.That((int)body["workflowVersion"]!, Is.EqualTo(1));
        Assert.That((string?)body["status"], Is.EqualTo("QUEUED"));
    }

    [Test]
    public async Task A_run_request_without_a_body_runs_the_latest_version()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflow("no inputs",
            [Entry(), Node("nap", "test.sleep", new JsonObject { ["durationMs"] = 1 })], [Control("start", "nap")]));

        using var response = await Api.Http.PostAsync($"/api/v1/workflows/{workflowId}/run", null);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), () => body.ToJsonString());
        Assert.That((string?)(await Api.WaitForStatusAsync((string)body["runId"]!, "COMPLETED"))["status"], Is.EqualTo("COMPLETED"));
    }

    [TestCase("Idempotency-Key")]
    [TestCase("X-Idempotency-Key")]
    public async Task The_same_idempotency_key_returns_the_same_run_and_creates_one(string header)
    {
        var workflowId = await Api.CreateWorkflowAsync(TypedInputs());
        var key = $"key-{Guid.NewGuid()}";

        var (firstStatus, first) = await Api.StartRunRawAsync(workflowId, new JsonObject { ["count"] = 1 }, key, header);
        var (secondStatus, second) = await Api.StartRunRawAsync(workflowId, new JsonObject { ["count"] = 1 }, key, header);

        Assert.That(firstStatus, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(secondStatus, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((string?)second!["runId"], Is.EqualTo((string?)first!["runId"]));
        Assert.That(await Api.RunsAsync(workflowId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_idempotency_key_reused_for_another_workflow_is_a_409()
    {
        var first = await Api.CreateWorkflowAsync(TypedInputs());
        var second = await Api.CreateWorkflowAsync(TypedInputs());
        var key = $"key-{Guid.NewGuid()}";
        await Api.StartRunAsync(first, new JsonObject { ["count"] = 1 }, key);

        var (status, _) = await Api.StartRunRawAsync(second, new JsonObject { ["count"] = 1 }, key);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await Api.RunsAsync(second), Is.Empty);
    }

    [Test]
    public async Task A_run_of_an_older_version_records_that_version()
    {
        var workflowId = await Api.CreateWorkflowAsync(TypedInputs());
        var changed = (await Api.GetOkAsync($"/api/v1/workflows/{workflowId}")).AsObject();
        changed["name"] = "version two";
        await Api.SendAsync(HttpMethod.Put, $"/api/v1/workflows/{workflowId}", changed);

        var (_, body) = await Api.SendAsync(HttpMethod.Post, $"/api/v1/workflows/{workflowId}/run",
            new JsonObject { ["inputs"] = new JsonObject { ["count"] = 1 }, ["version"] = 1 });
        var (latestStatus, latest) = await Api.StartRunRawAsync(workflowId, new JsonObject { ["count"] = 1 });

        Assert.That((int)body!["workflowVersion"]!, Is.EqualTo(1));
        Assert.That(latestStatus, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((int)latest!["workflowVersion"]!, Is.EqualTo(2));
    }

    [Test]
    public async Task A_run_of_an_unknown_version_is_a_404_and_creates_no_run()
    {
        var workflowId = await Api.CreateWorkflowAsync(TypedInputs());

        var (status, _) = await Api.SendAsync(HttpMethod.Post, $"/api/v1/workflows/{workflowId}/run",
            new JsonObject { ["inputs"] = new JsonObject { ["count"] = 1 }, ["version"] = 9 });

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await Api.RunsAsync(workflowId), Is.Empty);
    }

    [Test]
    public async Task A_malformed_run_body_is_a_400_and_creates_no_run()
    {
        var workflowId = await Api.CreateWorkflowAsync(TypedInputs());

        var (status, problem) = await Api.SendRawAsync(HttpMethod.Post, $"/api/v1/workflows/{workflowId}/run", "{\"version\": \"latest\"}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem!["path"], Is.EqualTo("$.version"));
        Assert.That(await Api.RunsAsync(workflowId), Is.Empty);
    }

    [TestCase("")]
    [TestCase("/status")]
    [TestCase("/trace")]
    [TestCase("/node-io")]
    [TestCase("/node-io/start")]
    [TestCase("/artifacts")]
    [TestCase("/artifacts/art_missing/download")]
    public async Task Unknown_run_is_a_404_problem(string suffix)
    {
        var (status, problem) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/workflows/runs/shipsec-run-missing{suffix}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((int)problem!["status"]!, Is.EqualTo(404));
    }

    [Test]
    public async Task Cancelling_an_unknown_run_is_a_404()
    {
        var (status, _) = await Api.SendAsync(HttpMethod.Post, "/api/v1/workflows/runs/shipsec-run-missing/cancel");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("/api/v1/workflows/runs?limit=0", "limit")]
    [TestCase("/api/v1/workflows/runs?limit=201", "limit")]
    [TestCase("/api/v1/workflows/runs?offset=-1", "offset")]
    [TestCase("/api/v1/workflows/runs?status=SLEEPING", "status")]
    [TestCase("/api/v1/workflows/runs?limit=many", "limit")]
    public async Task Bad_run_list_queries_are_a_400_naming_the_parameter(string path, string parameter)
    {
        var (status, problem) = await Api.SendAsync(HttpMethod.Get, path);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!.ToJsonString(), Does.Contain(parameter));
    }

    [TestCase("limit=0")]
    [TestCase("limit=5001")]
    [TestCase("after=-1")]
    public async Task Bad_trace_queries_are_a_400(string query)
    {
        var workflowId = await Api.CreateWorkflowAsync(TypedInputs());
        var runId = await Api.StartRunAsync(workflowId, new JsonObject { ["count"] = 1 });

        var (status, _) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/workflows/runs/{runId}/trace?{query}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Runs_of_a_deleted_workflow_stay_readable()
    {
        var workflowId = await Api.CreateWorkflowAsync(TypedInputs());
        var runId = await Api.StartRunAsync(workflowId, new JsonObject { ["count"] = 1 });
        await Api.WaitForStatusAsync(runId, "COMPLETED");

        await Api.SendAsync(HttpMethod.Delete, $"/api/v1/workflows/{workflowId}");
        var (runStatus, _) = await Api.StartRunRawAsync(workflowId, new JsonObject { ["count"] = 1 });

        Assert.That(runStatus, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)(await Api.StatusAsync(runId))["status"], Is.EqualTo("COMPLETED"));
        Assert.That(await Api.RunsAsync(workflowId), Has.Count.EqualTo(1));
    }
}
