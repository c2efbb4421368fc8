using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Runtime.Configuration;
using ShipSec.Storage.Tests.Infrastructure;

namespace ShipSec.Storage.Tests.Platform;

/// <summary>Storage and secrets settings: a wrong one stops startup naming the key; a configured secrets key is used instead of a key file.</summary>
public sealed class StorageConfigurationTests
{
    [TestCase("Endpoint")]
    [TestCase("AccessKey")]
    [TestCase("SecretKey")]
    [TestCase("Bucket")]
    public void An_S3_store_without_a_required_setting_stops_startup_naming_it(string missing)
    {
        var settings = new Dictionary<string, string>
        {
            ["ShipSec:Storage:Provider"] = "S3",
            ["ShipSec:Storage:S3:Endpoint"] = "127.0.0.1:9",
            ["ShipSec:Storage:S3:AccessKey"] = "access",
            ["ShipSec:Storage:S3:SecretKey"] = "secret",
            ["ShipSec:Storage:S3:Bucket"] = "bucket",
        };
        settings[$"ShipSec:Storage:S3:{missing}"] = "";
        using var server = new StorageServerFactory(StorageKind.FileSystem, settings);

        var error = Assert.Catch(() => server.CreateClient());

        Assert.That(Flatten(error).OfType<RuntimeConfigurationException>().Single().Message, Does.Contain($"ShipSec:Storage:S3:{missing}"));
    }

    [TestCase("not base64!")]
    [TestCase("c2hvcnQ=")]
    public void A_malformed_secrets_key_stops_startup_naming_the_key(string key)
    {
        using var server = new StorageServerFactory(StorageKind.FileSystem, new Dictionary<string, string> { ["ShipSec:Secrets:Key"] = key });

        var error = Assert.Catch(() => server.CreateClient());

        Assert.That(Flatten(error).OfType<RuntimeConfigurationException>().Single().Message, Does.Contain("ShipSec:Secrets:Key"));
    }

    [Test]
    public async Task A_configured_secrets_key_is_used_and_no_key_file_is_written()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var server = new StorageServerFactory(StorageKind.FileSystem, new Dictionary<string, string> { ["ShipSec:Secrets:Key"] = key });
        var api = new Api(server.CreateClient());

        var (status, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/secrets", new JsonObject { ["name"] = "K", ["value"] = "v" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(Directory.Exists(Path.Combine(server.DataPath, "keys")), Is.False);
    }

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
        }
    }
}
