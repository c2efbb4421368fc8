using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Storage.Tests.Infrastructure;

namespace ShipSec.Storage.Tests.Files;

/// <summary>Uploaded files: streamed in under a size limit, listed, downloaded (with ranges), deleted; nothing kept from a refused upload.</summary>
public sealed class FileUploadTests(StorageKind storage) : StorageTests(storage)
{
    private const int Limit = 1024 * 1024;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ShipSec:Files:MaxUploadBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public async Task An_uploaded_file_is_listed_described_downloaded_and_deleted()
    {
        var content = Encoding.UTF8.GetBytes("example.com\nexample.org\n");

        var (status, file) = await Api.UploadAsync(new ByteArrayContent(content), "targets.txt", "text/plain");
        var id = (string)file!["id"]!;
        var listed = (await Api.GetOkAsync("/api/v1/files")).AsArray().Select(f => (string)f!["id"]!).ToList();
        var described = await Api.GetOkAsync($"/api/v1/files/{id}");
        using var download = await Api.Http.GetAsync($"/api/v1/files/{id}/download");
        var downloaded = await download.Content.ReadAsByteArrayAsync();
        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/files/{id}/download") { Headers = { Range = new RangeHeaderValue(0, 10) } };
        using var range = await Api.Http.SendAsync(ranged);
        var (deleted, _) = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/files/{id}");
        var (afterDelete, _) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/files/{id}");
        using var downloadAfterDelete = await Api.Http.GetAsync($"/api/v1/files/{id}/download");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)file["name"], Is.EqualTo("targets.txt"));
        Assert.That((string?)file["mimeType"], Is.EqualTo("text/plain"));
        Assert.That((long)file["size"]!, Is.EqualTo(content.Length));
        Assert.That((string?)file["sha256"], Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(content))));
        Assert.That(listed, Does.Contain(id));
        Assert.That((string?)described["name"], Is.EqualTo("targets.txt"));
        Assert.That(downloaded, Is.EqualTo(content));
        Assert.That(download.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("targets.txt"));
        Assert.That(range.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await range.Content.ReadAsStringAsync(), Is.EqualTo("example.com"));
        Assert.That(deleted, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(afterDelete, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(downloadAfterDelete.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await FileObjectsAsync(), Has.None.EqualTo($"files/{id}"));
    }

    [Test]
    public async Task A_file_of_exactly_the_limit_is_accepted()
    {
        var (status, file) = await Api.UploadAsync(new ByteArrayContent(new byte[Limit]), "zeros.bin", "application/octet-stream");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), () => file?.ToJsonString() ?? "(no body)");
        Assert.That((long)file!["size"]!, Is.EqualTo(Limit));
    }

    [Test]
    public async Task An_upload_over_the_limit_with_a_declared_length_gets_413_and_nothing_is_stored()
    {
        var filesBefore = await FileIdsAsync();
        var objectsBefore = await FileObjectsAsync();

        var (status, problem) = await Api.UploadAsync(new ByteArrayContent(new byte[Limit + 200_000]), "big.bin", "application/octet-stream");

        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((int?)problem!["status"], Is.EqualTo(413));
        Assert.That((string?)problem["detail"], Does.Contain(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(await FileIdsAsync(), Is.EqualTo(filesBefore));
        Assert.That(await FileObjectsAsync(), Is.EqualTo(objectsBefore));
    }

    [Test]
    public async Task An_upload_of_unknown_length_is_stopped_at_the_limit_while_streaming_with_413_and_nothing_is_stored()
    {
        var filesBefore = await FileIdsAsync();
        var objectsBefore = await FileObjectsAsync();

        var (status, problem) = await Api.UploadAsync(new StreamContent(new GeneratedBytes(Limit + 1)), "stream.bin", "application/octet-stream");

        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((int?)problem!["status"], Is.EqualTo(413));
        Assert.That(await FileIdsAsync(), Is.EqualTo(filesBefore));
        Assert.That(await FileObjectsAsync(), Is.EqualTo(objectsBefore));
        Assert.That(Directory.EnumerateFiles(Server.DataPath, "*.spool", SearchOption.AllDirectories), Is.Empty, "no spool file left");
    }

    [Test]
    public async Task A_path_like_file_name_is_stored_under_an_id_key_and_downloaded_under_a_safe_name()
    {
        var (status, file) = await Api.UploadAsync(new ByteArrayContent("root:x:0:0"u8.ToArray()), "../../etc/passwd", "text/plain");
        var id = (string)file!["id"]!;
        using var download = await Api.Http.GetAsync($"/api/v1/files/{id}/download");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)file["name"], Is.EqualTo("passwd"));
        Assert.That(await FileObjectsAsync(), Does.Contain($"files/{id}"));
        Assert.That(id, Does.Match("^file_[0-9a-f]{32}$"));
        Assert.That(download.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("passwd"));
    }

    [Test]
    public async Task An_upload_without_a_file_field_is_a_400_problem()
    {
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "notes" } };
        using var response = await Api.Http.PostAsync("/api/v1/files/upload", form);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem["detail"], Does.Contain("'file'"));
    }

    [Test]
    public async Task An_unknown_file_is_a_404_problem()
    {
        var (status, problem) = await Api.SendAsync(HttpMethod.Get, "/api/v1/files/file_missing/download");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)problem!["detail"], Does.Contain("file_missing"));
    }

    private async Task<List<string>> FileIdsAsync() =>
        (await Api.GetOkAsync("/api/v1/files?limit=500")).AsArray().Select(f => (string)f!["id"]!).Order().ToList();

    private async Task<List<string>> FileObjectsAsync() =>
        (await Server.StoredObjectsAsync()).Select(o => o.Key).Where(k => k.StartsWith("files/", StringComparison.Ordinal)).Order().ToList();
}
