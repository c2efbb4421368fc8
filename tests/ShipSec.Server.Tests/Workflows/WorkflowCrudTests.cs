using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Server.Tests.Workflows;

/// <summary>Saving, reading, versioning, compiling and deleting workflows.</summary>
public sealed class WorkflowCrudTests : ServerTests
{
    [Test]
    public async Task Create_returns_201_with_the_graph_as_version_1()
    {
        var graph = SplitThenProgress();

        var (status, body) = await Api.SendAsync(HttpMethod.Post, "/api/v1/workflows", graph);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)body!["id"], Is.Not.Empty);
        Assert.That((string?)body["name"], Is.EqualTo("split then progress"));
        Assert.That((int)body["version"]!, Is.EqualTo(1));
        Assert.That(body["nodes"]!.AsArray().Select(n => (string?)n!["id"]), Is.EqualTo(new[] { "start", "split", "progress" }));
        Assert.That(body["edges"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That((double)body["viewport"]!["zoom"]!, Is.EqualTo(1));
        Assert.That(body["createdAt"], Is.Not.Null);
    }

    [Test]
    public async Task Get_returns_what_was_saved_and_list_includes_it()
    {
        var id = await Api.CreateWorkflowAsync(SplitThenProgress());

        var fetched = await Api.GetOkAsync($"/api/v1/workflows/{id}");
        var listed = await Api.GetOkAsync("/api/v1/workflows");

        Assert.That((string?)fetched["id"], Is.EqualTo(id));
        Assert.That((string?)fetched["nodes"]![1]!["type"], Is.EqualTo("core.text.split"));
        Assert.That((string?)fetched["edges"]![0]!["sourceHandle"], Is.EqualTo("domains"));
        Assert.That(listed.AsArray().Select(w => (string?)w!["id"]), Does.Contain(id));
    }

    [Test]
    public async Task Put_of_a_fetched_workflow_stores_version_2_and_keeps_version_1_readable()
    {
        var id = await Api.CreateWorkflowAsync(SplitThenProgress());
        var fetched = (await Api.GetOkAsync($"/api/v1/workflows/{id}")).AsObject();
        fetched["name"] = "renamed";
        fetched["nodes"]!.AsArray().Add(Node("later", "test.sleep", new JsonObject { ["durationMs"] = 1 }));

        var (status, updated) = await Api.SendAsync(HttpMethod.Put, $"/api/v1/workflows/{id}", fetched);
        var v1 = await Api.GetOkAsync($"/api/v1/workflows/{id}/versions/1");
        var v2 = await Api.GetOkAsync($"/api/v1/workflows/{id}/versions/2");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), () => updated!.ToJsonString());
        Assert.That((int)updated!["version"]!, Is.EqualTo(2));
        Assert.That((string?)updated["name"], Is.EqualTo("renamed"));
        Assert.That((string?)v1["name"], Is.EqualTo("split then progress"));
        Assert.That(v1["nodes"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That((int)v2["version"]!, Is.EqualTo(2));
        Assert.That(v2["nodes"]!.AsArray(), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Commit_returns_the_compiled_definition_in_topological_order()
    {
        var id = await Api.CreateWorkflowAsync(SplitThenProgress());

        var (status, definition) = await Api.SendAsync(HttpMethod.Post, $"/api/v1/workflows/{id}/commit");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)definition!["entrypoint"]!["ref"], Is.EqualTo("start"));
        Assert.That(definition["actions"]!.AsArray().Select(a => (string?)a!["ref"]), Is.EqualTo(new[] { "start", "split", "progress" }));
        Assert.That((string?)definition["actions"]![1]!["inputMappings"]!["text"]!["sourceHandle"], Is.EqualTo("domains"));
    }

    [Test]
    public async Task Delete_removes_the_workflow_from_reads_and_lists()
    {
        var id = await Api.CreateWorkflowAsync(SplitThenProgress());

        var (deleteStatus, deleted) = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/workflows/{id}");
        var (getStatus, problem) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/workflows/{id}");
        var listed = await Api.GetOkAsync("/api/v1/workflows");

        Assert.That(deleteStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)deleted!["status"], Is.EqualTo("deleted"));
        Assert.That(getStatus, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((int)problem!["status"]!, Is.EqualTo(404));
        Assert.That(listed.AsArray().Select(w => (string?)w!["id"]), Does.Not.Contain(id));
    }

    [TestCase("GET", "")]
    [TestCase("PUT", "")]
    [TestCase("DELETE", "")]
    [TestCase("GET", "/versions/1")]
    [TestCase("POST", "/commit")]
    [TestCase("POST", "/run")]
    public async Task Unknown_workflow_is_a_404_problem(string method, string suffix)
    {
        var body = method == "PUT" ? SplitThenProgress() : method == "POST" ? new JsonObject() : null;

        var (status, problem) = await Api.SendAsync(new HttpMethod(method), $"/api/v1/workflows/no-such-workflow{suffix}", body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)problem!["detail"], Does.Contain("no-such-workflow"));
    }

    [Test]
    public async Task Unknown_version_is_a_404_problem()
    {
        var id = await Api.CreateWorkflowAsync(SplitThenProgress());

        var (status, problem) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/workflows/{id}/versions/7");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)problem!["detail"], Does.Contain("version 7"));
    }

    [Test]
    public async Task Malformed_json_is_a_400_naming_where_it_broke_and_stores_nothing()
    {
        var before = await Api.WorkflowCountAsync();

        var (status, problem) = await Api.SendRawAsync(HttpMethod.Post, "/api/v1/workflows", "{\"name\": \"x\",\n \"nodes\": [ {\"id\": } ]}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem!["title"], Is.EqualTo("Malformed JSON body"));
        Assert.That((string?)problem["detail"], Does.Contain("line 2"));
        Assert.That(await Api.WorkflowCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_document_of_the_wrong_shape_is_a_400_naming_the_field_and_stores_nothing()
    {
        var before = await Api.WorkflowCountAsync();

        var (status, problem) = await Api.SendRawAsync(HttpMethod.Post, "/api/v1/workflows", "{\"name\": \"x\", \"nodes\": 5, \"edges\": []}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem!["errors"]![0]!["field"], Is.EqualTo("nodes"));
        Assert.That(await Api.WorkflowCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Missing_body_is_a_400_problem()
    {
        using var response = await Api.Http.PostAsync("/api/v1/workflows", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
