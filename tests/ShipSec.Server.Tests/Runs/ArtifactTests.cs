using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Infrastructure.Graphs;

namespace ShipSec.Server.Tests.Runs;

/// <summary>Artifacts emitted by modules: stored, listed, traced and downloaded intact.</summary>
public sealed class ArtifactTests : ServerTests
{
    private const string Content = "# Findings\nnothing to see here\n";

    [Test]
    public async Task An_artifact_a_module_emits_is_listed_traced_and_downloadable_with_matching_sha256()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflow("artifact",
            [Entry(), Node("report", ArtifactModule.Id, new JsonObject
            {
                ["name"] = "../../etc/report.md",
                ["content"] = Content,
                ["contentType"] = "text/markdown",
            })],
            [Control("start", "report")]));
        var runId = await Api.StartRunAsync(workflowId);
        await Api.WaitForStatusAsync(runId, "COMPLETED");

        var listed = (await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/artifacts"))["artifacts"]!.AsArray();
        var trace = await Api.TraceAsync(runId);
        var artifact = listed.Single()!;
        var artifactId = (string)artifact["id"]!;
        using var download = await Api.Http.GetAsync($"/api/v1/workflows/runs/{runId}/artifacts/{artifactId}/download");
        var bytes = await download.Content.ReadAsByteArrayAsync();

        var expectedSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Content)));
        Assert.That((string?)artifact["name"], Is.EqualTo("report.md"), "path segments are stripped from the name");
        Assert.That((string?)artifact["nodeId"], Is.EqualTo("report"));
        Assert.That((long)artifact["size"]!, Is.EqualTo(Encoding.UTF8.GetByteCount(Content)));
        Assert.That((string?)artifact["sha256"], Is.EqualTo(expectedSha));
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo(expectedSha));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/markdown"));
        Assert.That(download.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("report.md"));
        var traced = trace.Single(e => (string?)e!["type"] == "NODE_ARTIFACT")!;
        Assert.That((string?)traced["data"]!["artifactId"], Is.EqualTo(artifactId));
        Assert.That((string?)traced["data"]!["sha256"], Is.EqualTo(expectedSha));
        var nodeOutputs = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/report");
        Assert.That((string?)nodeOutputs["outputs"]!["artifactId"], Is.EqualTo(artifactId));
    }

    [Test]
    public async Task An_artifact_of_another_run_is_not_served()
    {
        var workflowId = await Api.CreateWorkflowAsync(Workflow("two runs",
            [Entry(), Node("report", ArtifactModule.Id, new JsonObject { ["content"] = "x" })],
            [Control("start", "report")]));
        var first = await Api.StartRunAsync(workflowId);
        var second = await Api.StartRunAsync(workflowId);
        await Api.WaitForStatusAsync(first, "COMPLETED");
        await Api.WaitForStatusAsync(second, "COMPLETED");
        var artifactOfFirst = (string)(await Api.GetOkAsync($"/api/v1/workflows/runs/{first}/artifacts"))["artifacts"]![0]!["id"]!;

        var (status, _) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/workflows/runs/{second}/artifacts/{artifactOfFirst}/download");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
