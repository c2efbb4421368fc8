using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Storage.Tests.Infrastructure;
using static ShipSec.Storage.Tests.Infrastructure.Api;

namespace ShipSec.Storage.Tests.Artifacts;

/// <summary>ShipSec:Artifacts:RetentionDays: the sweep deletes run artifacts past that age, rows and objects.</summary>
public sealed class RetentionTests(StorageKind storage) : StorageTests(storage)
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        // About a second of retention, swept every few hundred milliseconds.
        ["ShipSec:Artifacts:RetentionDays"] = "0.00001",
        ["ShipSec:Artifacts:SweepIntervalMinutes"] = "0.005",
    };

    [Test]
    public async Task Artifacts_older_than_the_retention_age_are_deleted_with_their_objects()
    {
        var runId = await Api.RunAsync(
            [Entry(), Node("emit", TextArtifactModule.Id, new JsonObject { ["content"] = "expires soon" })],
            [Control("start", "emit")]);
        Assert.That(await Api.WaitForEndAsync(runId), Is.EqualTo("COMPLETED"));
        var artifactId = (string)(await Api.FinalTraceAsync(runId)).Single(e => (string?)e!["type"] == "NODE_ARTIFACT")!["data"]!["artifactId"]!;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonArray listed;
        do
        {
            await Task.Delay(200);
            listed = (await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/artifacts"))["artifacts"]!.AsArray();
        } while (listed.Count > 0 && DateTime.UtcNow < deadline);
        var (download, _) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/workflows/runs/{runId}/artifacts/{artifactId}/download");
        var keys = (await Server.StoredObjectsAsync()).Select(o => o.Key).ToList();

        Assert.That(listed, Is.Empty);
        Assert.That(download, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(keys, Has.None.StartsWith(runId));
        Assert.That((string?)(await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/status"))["status"], Is.EqualTo("COMPLETED"), "the run itself stays");
    }
}
