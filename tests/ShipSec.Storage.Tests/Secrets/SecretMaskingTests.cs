using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using ShipSec.Storage.Tests.Infrastructure;
using static ShipSec.Storage.Tests.Infrastructure.Api;

namespace ShipSec.Storage.Tests.Secrets;

/// <summary>
/// A secret is handed to a module as a value only inside the worker; whatever the module does with it (log it, print it,
/// return it, write it to an artifact, fail with it), the stored trace, node-io, rows, files and objects hold <c>***</c>, never the value.
/// </summary>
public sealed class SecretMaskingTests(StorageKind storage) : StorageTests(storage)
{
    [Test]
    public async Task A_secret_echoed_by_test_echo_is_stored_nowhere_but_as_asterisks()
    {
        var value = "sk-live-" + Guid.NewGuid().ToString("N");
        var secretId = await CreateSecretAsync(value);

        var runId = await Api.RunAsync(
            [
                Entry(),
                Node("echo", "test.echo", new JsonObject { ["text"] = "hello", ["secret"] = secretId }),
                Node("config", SecretDigestModule.Id, new JsonObject { ["secret"] = secretId, ["artifact"] = true }),
            ],
            [Control("start", "echo"), Control("start", "config")]);
        var status = await Api.WaitForEndAsync(runId);
        var trace = await Api.FinalTraceAsync(runId);
        var nodeIo = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io");
        var echo = nodeIo["nodes"]!.AsArray().Single(n => (string?)n!["nodeId"] == "echo")!;
        var logLines = trace.Where(e => (string?)e!["type"] == "NODE_LOG" && (string?)e["nodeId"] == "echo")
            .Select(e => (string?)e!["data"]!["line"]).ToList();
        var database = DatabaseDump();
        var stored = await StoredBytesAsync();

        Assert.That(status, Is.EqualTo("COMPLETED"));
        Assert.That(logLines, Is.EquivalentTo(new[] { "text: hello", "secret: ***" }));
        Assert.That((string?)echo["outputs"]!["secret"], Is.EqualTo("***"));
        Assert.That((string?)echo["outputs"]!["text"], Is.EqualTo("hello"));
        Assert.That(trace.ToJsonString(), Does.Not.Contain(value));
        Assert.That(nodeIo.ToJsonString(), Does.Not.Contain(value));
        Assert.That(database, Does.Contain("secret: ***"), "the stored log line");
        Assert.That(database, Does.Not.Contain(value), "every row of every table");
        Assert.That(stored.Where(s => Contains(s.Bytes, value)).Select(s => s.Name), Is.Empty, "every file under the data folder and every object");
        Assert.That(stored.Where(s => Contains(s.Bytes, "api_key = ***")).ToList(), Is.Not.Empty, "the artifact holds the masked line");
    }

    [Test]
    public async Task A_secret_id_given_as_a_secret_run_input_is_resolved_to_the_value_for_a_secret_input_port()
    {
        var value = "token-" + Guid.NewGuid().ToString("N");
        var secretId = await CreateSecretAsync(value);

        var runId = await Api.RunAsync(
            [Entry(RuntimeInput("token", "secret")), Node("digest", SecretDigestModule.Id)],
            [Data("start", "token", "digest", "secret")],
            new JsonObject { ["token"] = secretId });
        var status = await Api.WaitForEndAsync(runId);
        var digest = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/digest");
        var run = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io");

        Assert.That(status, Is.EqualTo("COMPLETED"));
        Assert.That((string?)digest["outputs"]!["sha256"], Is.EqualTo(Sha256(value)));
        Assert.That(run.ToJsonString(), Does.Not.Contain(value));
        Assert.That(DatabaseDump(), Does.Not.Contain(value));
    }

    [Test]
    public async Task A_rotated_secret_reaches_the_next_run_with_its_new_value()
    {
        var secretId = await CreateSecretAsync("before-" + Guid.NewGuid().ToString("N"));
        var rotated = "after-" + Guid.NewGuid().ToString("N");
        await Api.SendAsync(HttpMethod.Put, $"/api/v1/secrets/{secretId}/rotate", new JsonObject { ["value"] = rotated });

        var runId = await Api.RunAsync([Entry(), Node("digest", SecretDigestModule.Id, new JsonObject { ["secret"] = secretId })],
            [Control("start", "digest")]);
        await Api.WaitForEndAsync(runId);
        var digest = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/digest");

        Assert.That((string?)digest["outputs"]!["sha256"], Is.EqualTo(Sha256(rotated)));
    }

    [Test]
    public async Task A_module_error_quoting_the_secret_is_stored_with_asterisks()
    {
        var value = "pw-" + Guid.NewGuid().ToString("N");
        var secretId = await CreateSecretAsync(value);

        var runId = await Api.RunAsync(
            [Entry(), Node("digest", SecretDigestModule.Id, new JsonObject { ["secret"] = secretId, ["fail"] = true })],
            [Control("start", "digest")]);
        var status = await Api.WaitForEndAsync(runId);
        var node = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/digest");
        var runStatus = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/status");
        var trace = await Api.FinalTraceAsync(runId);

        Assert.That(status, Is.EqualTo("FAILED"));
        Assert.That((string?)node["error"]!["message"], Is.EqualTo("the service rejected key ***"));
        Assert.That((string?)node["error"]!["details"]!["key"], Is.EqualTo("***"));
        Assert.That(runStatus.ToJsonString(), Does.Not.Contain(value));
        Assert.That(trace.ToJsonString(), Does.Not.Contain(value));
        Assert.That(DatabaseDump(), Does.Not.Contain(value));
    }

    [Test]
    public async Task A_reference_to_a_missing_secret_fails_the_node_with_a_not_found_error()
    {
        var runId = await Api.RunAsync(
            [Entry(), Node("echo", "test.echo", new JsonObject { ["secret"] = "sec_00000000000000000000000000000000" })],
            [Control("start", "echo")]);
        var status = await Api.WaitForEndAsync(runId);
        var node = await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/node-io/echo");

        Assert.That(status, Is.EqualTo("FAILED"));
        Assert.That((string?)node["error"]!["type"], Is.EqualTo("NotFoundError"));
        Assert.That((string?)node["error"]!["message"], Does.Contain("'secret'"));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_generated_key_lives_outside_the_database_readable_by_the_owner_only()
    {
        await CreateSecretAsync("value-" + Guid.NewGuid().ToString("N"));
        var keyFile = Path.Combine(Server.DataPath, "keys", "secrets.key");

        var mode = File.GetUnixFileMode(keyFile);
        var key = File.ReadAllText(keyFile).Trim();

        Assert.That(mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(Convert.FromBase64String(key), Has.Length.EqualTo(32));
        Assert.That(DatabaseDump(), Does.Not.Contain(key));
    }

    private async Task<string> CreateSecretAsync(string value)
    {
        var (status, secret) = await Api.SendAsync(HttpMethod.Post, "/api/v1/secrets",
            new JsonObject { ["name"] = "S_" + Guid.NewGuid().ToString("N"), ["value"] = value });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        return (string)secret!["id"]!;
    }

    /// <summary>Every row of every table of the server's SQLite database, as text (blobs as UTF-8).</summary>
    private string DatabaseDump()
    {
        var dump = new StringBuilder();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Server.DataPath, "shipsec.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(reader.GetValue(i) switch { byte[] blob => Encoding.UTF8.GetString(blob), var v => v?.ToString() }).Append('\t');
                }
                dump.AppendLine();
            }
        }
        return dump.ToString();
    }

    /// <summary>Every file under the data folder (database, WAL, artifacts, keys, spool) and every stored object, raw.</summary>
    private async Task<List<(string Name, byte[] Bytes)>> StoredBytesAsync()
    {
        var files = Directory.EnumerateFiles(Server.DataPath, "*", SearchOption.AllDirectories).Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (path, copy.ToArray());
        }).ToList();
        var objects = (await Server.StoredObjectsAsync()).Select(o => ($"object {o.Key}", o.Bytes));
        return [.. files, .. objects];
    }

    private static bool Contains(byte[] haystack, string value) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
