using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Storage.Tests.Infrastructure;
using static ShipSec.Storage.Tests.Infrastructure.Api;

namespace ShipSec.Storage.Tests.Artifacts;

/// <summary>Artifact downloads: byte ranges, unknown artifacts, unsafe names, search across runs and run deletion.</summary>
public sealed class ArtifactDownloadTests(StorageKind storage) : StorageTests(storage)
{
    private const string Content = "0123456789abcdefghijklmnopqrstuvwxyz";

    [TestCase("bytes=2-5", "2345", "bytes 2-5/36")]
    [TestCase("bytes=-4", "wxyz", "bytes 32-35/36")]
    [TestCase("bytes=30-", "uvwxyz", "bytes 30-35/36")]
    [TestCase("bytes=30-1000", "uvwxyz", "bytes 30-35/36")]
    public async Task A_single_range_is_answered_with_206_and_exactly_those_bytes(string range, string expected, string contentRange)
    {
        var (runId, artifactId) = await EmitAsync("letters.txt", Content);

        using var response = await DownloadAsync(runId, artifactId, range);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(response.Content.Headers.ContentRange?.ToString(), Is.EqualTo(contentRange));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_range_past_the_end_is_answered_with_416_naming_the_size()
    {
        var (runId, artifactId) = await EmitAsync("letters.txt", Content);

        using var response = await DownloadAsync(runId, artifactId, "bytes=36-40");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestedRangeNotSatisfiable));
        Assert.That(response.Content.Headers.ContentRange?.ToString(), Is.EqualTo("bytes */36"));
    }

    [Test]
    public async Task A_download_without_range_is_whole_and_advertises_byte_ranges()
    {
        var (runId, artifactId) = await EmitAsync("letters.txt", Content);

        using var response = await DownloadAsync(runId, artifactId, range: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.AcceptRanges, Does.Contain("bytes"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Content));
    }

    [Test]
    public async Task An_unknown_artifact_or_run_is_a_404_problem()
    {
        var (runId, _) = await EmitAsync("letters.txt", Content);

        var (unknownArtifact, problem) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/workflows/runs/{runId}/artifacts/art_0000/download");
        var (unknownRun, _) = await Api.SendAsync(HttpMethod.Get, "/api/v1/workflows/runs/shipsec-run-nope/artifacts/art_0000/download");

        Assert.That(unknownArtifact, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((int?)problem!["status"], Is.EqualTo(404));
        Assert.That((string?)problem["detail"], Does.Contain("art_0000"));
        Assert.That(unknownRun, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_path_like_name_is_stored_under_an_id_key_and_downloaded_under_a_safe_name()
    {
        var (runId, artifactId) = await EmitAsync("../../etc/passwd", "root:x:0:0");

        using var response = await DownloadAsync(runId, artifactId, range: null);
        var keys = (await Server.StoredObjectsAsync()).Select(o => o.Key).Where(k => k.StartsWith(runId, StringComparison.Ordinal)).ToList();
        var listed = (await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/artifacts"))["artifacts"]![0]!;

        Assert.That(keys, Is.EqualTo(new[] { $"{runId}/{artifactId}" }));
        Assert.That((string?)listed["name"], Is.EqualTo("passwd"));
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("passwd"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("root:x:0:0"));
    }

    [Test]
    public async Task Artifacts_are_found_across_runs_by_workflow_run_and_name()
    {
        var (firstRun, firstArtifact) = await EmitAsync("hosts-alpha.txt", "a");
        var (secondRun, secondArtifact) = await EmitAsync("ports-beta.txt", "b");
        var firstWorkflow = (string)(await Api.GetOkAsync($"/api/v1/workflows/runs/{firstRun}"))["workflowId"]!;

        var byWorkflow = await SearchAsync($"workflowId={firstWorkflow}");
        var byRun = await SearchAsync($"runId={secondRun}");
        var byName = await SearchAsync("name=ports-beta");

        Assert.That(byWorkflow, Is.EqualTo(new[] { firstArtifact }));
        Assert.That(byRun, Is.EqualTo(new[] { secondArtifact }));
        Assert.That(byName, Is.EqualTo(new[] { secondArtifact }));
    }

    [Test]
    public async Task Deleting_a_run_removes_its_artifacts_and_stored_objects_but_not_other_runs()
    {
        var (doomed, doomedArtifact) = await EmitAsync("old.txt", "old");
        var (kept, keptArtifact) = await EmitAsync("new.txt", "new");

        var (deleted, _) = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/workflows/runs/{doomed}");
        var (runAfter, _) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/workflows/runs/{doomed}");
        using var downloadAfter = await DownloadAsync(doomed, doomedArtifact, range: null);
        var keys = (await Server.StoredObjectsAsync()).Select(o => o.Key).ToList();

        Assert.That(deleted, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(runAfter, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(downloadAfter.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(keys, Has.None.StartsWith(doomed));
        Assert.That(keys, Does.Contain($"{kept}/{keptArtifact}"));
        Assert.That(await SearchAsync($"runId={doomed}"), Is.Empty);
    }

    [Test]
    public async Task An_active_run_cannot_be_deleted()
    {
        var runId = await Api.RunAsync([Entry(), Node("sleep", "test.sleep", new JsonObject { ["durationMs"] = 30_000 })],
            [Control("start", "sleep")]);

        var (status, problem) = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/workflows/runs/{runId}");
        await Api.SendAsync(HttpMethod.Post, $"/api/v1/workflows/runs/{runId}/cancel");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((string?)problem!["detail"], Does.Contain("cancel"));
        Assert.That(await Api.WaitForEndAsync(runId), Is.EqualTo("CANCELLED"));
    }

    private async Task<(string RunId, string ArtifactId)> EmitAsync(string name, string content)
    {
        var runId = await Api.RunAsync(
            [Entry(), Node("emit", TextArtifactModule.Id, new JsonObject { ["name"] = name, ["content"] = content })],
            [Control("start", "emit")]);
        Assert.That(await Api.WaitForEndAsync(runId), Is.EqualTo("COMPLETED"));
        var artifactId = (string)(await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/artifacts"))["artifacts"]![0]!["id"]!;
        return (runId, artifactId);
    }

    private async Task<HttpResponseMessage> DownloadAsync(string runId, string artifactId, string? range)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/workflows/runs/{runId}/artifacts/{artifactId}/download");
        if (range is not null) request.Headers.TryAddWithoutValidation("Range", range);
        return await Api.Http.SendAsync(request);
    }

    private async Task<List<string>> SearchAsync(string query) =>
        (await Api.GetOkAsync($"/api/v1/artifacts?{query}"))["artifacts"]!.AsArray().Select(a => (string)a!["id"]!).ToList();
}
