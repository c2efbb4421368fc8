using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Storage.Tests.Infrastructure;
using static ShipSec.Storage.Tests.Infrastructure.Api;

namespace ShipSec.Storage.Tests.Files;

/// <summary><c>core.file.loader</c>: an uploaded file feeds a workflow, as text or as base64.</summary>
public sealed class FileLoaderTests(StorageKind storage) : StorageTests(storage)
{
    [Test]
    public async Task An_uploaded_text_file_given_as_a_file_run_input_reaches_the_loader_as_text()
    {
        const string targets = "scanme.example\nexample.org\n";
        var fileId = await UploadAsync(Encoding.UTF8.GetBytes(targets), "targets.txt", "text/plain");

        var runId = await Api.RunAsync(
            [Entry(RuntimeInput("targets", "file")), Node("load", "core.file.loader")],
            [Data("start", "targets", "load", "fileId")],
            new JsonObject { ["targets"] = fileId });
        var status = await Api.WaitForEndAsync(runId);
        var outputs = (await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/load"))["outputs"]!;

        Assert.That(status, Is.EqualTo("COMPLETED"));
        Assert.That((string?)outputs["textContent"], Is.EqualTo(targets));
        Assert.That((string?)outputs["file"]!["id"], Is.EqualTo(fileId));
        Assert.That((string?)outputs["file"]!["name"], Is.EqualTo("targets.txt"));
        Assert.That((string?)outputs["file"]!["mimeType"], Is.EqualTo("text/plain"));
        Assert.That((long)outputs["file"]!["size"]!, Is.EqualTo(Encoding.UTF8.GetByteCount(targets)));
        Assert.That(outputs["base64"], Is.Null);
    }

    [Test]
    public async Task A_binary_file_named_by_parameter_is_loaded_as_base64_without_text()
    {
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0xFE, 0x01];
        var fileId = await UploadAsync(bytes, "logo.png", "image/png");

        var runId = await Api.RunAsync(
            [Entry(), Node("load", "core.file.loader", new JsonObject { ["fileId"] = fileId, ["includeBase64"] = true })],
            [Control("start", "load")]);
        var status = await Api.WaitForEndAsync(runId);
        var outputs = (await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/load"))["outputs"]!;

        Assert.That(status, Is.EqualTo("COMPLETED"));
        Assert.That((string?)outputs["base64"], Is.EqualTo(Convert.ToBase64String(bytes)));
        Assert.That(outputs["textContent"], Is.Null);
    }

    [Test]
    public async Task A_missing_file_fails_the_node_with_a_not_found_error()
    {
        var runId = await Api.RunAsync(
            [Entry(), Node("load", "core.file.loader", new JsonObject { ["fileId"] = "file_00000000000000000000000000000000" })],
            [Control("start", "load")]);
        var status = await Api.WaitForEndAsync(runId);
        var node = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/load");

        Assert.That(status, Is.EqualTo("FAILED"));
        Assert.That((string?)node["error"]!["type"], Is.EqualTo("NotFoundError"));
        Assert.That((string?)node["error"]!["message"], Does.Contain("file_00000000000000000000000000000000"));
    }

    private async Task<string> UploadAsync(byte[] content, string name, string contentType)
    {
        var (status, file) = await Api.UploadAsync(new ByteArrayContent(content), name, contentType);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), () => file?.ToJsonString() ?? "(no body)");
        return (string)file!["id"]!;
    }
}
