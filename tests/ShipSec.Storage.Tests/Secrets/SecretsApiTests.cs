using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Storage.Tests.Infrastructure;

namespace ShipSec.Storage.Tests.Secrets;

/// <summary><c>/secrets</c>: create, list, get, rotate, delete — and no answer ever carries a value.</summary>
public sealed class SecretsApiTests(StorageKind storage) : StorageTests(storage)
{
    [Test]
    public async Task A_secret_is_created_listed_rotated_and_deleted_without_its_value_ever_being_returned()
    {
        var name = "SHODAN_KEY_" + Guid.NewGuid().ToString("N")[..8];
        const string value = "first-value-9f8e7d";
        const string rotated = "second-value-1a2b3c";

        var (created, secret) = await Api.SendAsync(HttpMethod.Post, "/api/v1/secrets",
            new JsonObject { ["name"] = name, ["value"] = value, ["description"] = "Shodan API key" });
        var id = (string)secret!["id"]!;
        var list = await Api.GetOkAsync("/api/v1/secrets");
        var single = await Api.GetOkAsync($"/api/v1/secrets/{id}");
        var (rotateStatus, afterRotate) = await Api.SendAsync(HttpMethod.Put, $"/api/v1/secrets/{id}/rotate", new JsonObject { ["value"] = rotated });
        var (deleted, _) = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/secrets/{id}");
        var (afterDelete, _) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/secrets/{id}");

        Assert.That(created, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)secret["name"], Is.EqualTo(name));
        Assert.That((string?)secret["description"], Is.EqualTo("Shodan API key"));
        Assert.That((int)secret["version"]!, Is.EqualTo(1));
        Assert.That(list.AsArray().Select(s => (string?)s!["id"]), Does.Contain(id));
        Assert.That((string?)single["name"], Is.EqualTo(name));
        Assert.That(rotateStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)afterRotate!["version"]!, Is.EqualTo(2));
        Assert.That(deleted, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(afterDelete, Is.EqualTo(HttpStatusCode.NotFound));
        var everything = string.Join("\n", secret.ToJsonString(), list.ToJsonString(), single.ToJsonString(), afterRotate.ToJsonString());
        Assert.That(everything, Does.Not.Contain(value).And.Not.Contain(rotated).And.Not.Contain("\"value\""));
    }

    [Test]
    public async Task A_second_secret_with_the_same_name_is_a_409_conflict()
    {
        var name = "DUPLICATE_" + Guid.NewGuid().ToString("N")[..8];
        await Api.SendAsync(HttpMethod.Post, "/api/v1/secrets", new JsonObject { ["name"] = name, ["value"] = "a" });

        var (status, problem) = await Api.SendAsync(HttpMethod.Post, "/api/v1/secrets", new JsonObject { ["name"] = name, ["value"] = "b" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((string?)problem!["detail"], Does.Contain(name));
    }

    [TestCase("", "value", "name")]
    [TestCase("EMPTY_VALUE", "", "value")]
    public async Task A_secret_without_name_or_value_is_a_400_naming_the_field(string name, string value, string field)
    {
        var (status, problem) = await Api.SendAsync(HttpMethod.Post, "/api/v1/secrets", new JsonObject { ["name"] = name, ["value"] = value });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem!["parameter"], Is.EqualTo(field));
    }
}
