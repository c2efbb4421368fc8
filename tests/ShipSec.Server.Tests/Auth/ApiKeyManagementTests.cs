using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Auth.Keys;

namespace ShipSec.Server.Tests.Auth;

/// <summary><c>/api-keys</c>: a key is shown once at creation, lists never show it, names are validated, revoking an unknown key is a 404.</summary>
public sealed class ApiKeyManagementTests : FreshServerTests
{
    [Test]
    public async Task Creating_a_key_returns_it_once_and_the_list_shows_only_its_id_and_name()
    {
        var (status, created) = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new JsonObject { ["name"] = "  deploy bot  " });
        var key = (string)created!["key"]!;

        var list = (await Api.SendAsync(HttpMethod.Get, "/api/v1/api-keys", headers: Bearer(key))).Body!.AsArray();

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(key, Does.Match(Format));
        Assert.That((string?)created["id"], Is.EqualTo(IdOf(key)));
        Assert.That((string?)created["name"], Is.EqualTo("deploy bot"));
        Assert.That(created["createdAt"], Is.Not.Null);
        var listed = list.Single(k => (string?)k!["id"] == IdOf(key))!.AsObject();
        Assert.That((string?)listed["name"], Is.EqualTo("deploy bot"));
        Assert.That(listed.Select(p => p.Key), Does.Not.Contain("key").And.Not.Contain("secretHash"));
        Assert.That(list.ToJsonString(), Does.Not.Contain("ssk_"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public async Task A_key_without_a_name_is_a_400_problem_naming_the_field(string? name)
    {
        var body = name is null ? new JsonObject() : new JsonObject { ["name"] = name };

        var (status, problem) = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-keys", body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem!["parameter"], Is.EqualTo("name"));
        Assert.That((string?)problem["detail"], Does.Contain("name is required"));
    }

    [Test]
    public async Task A_name_longer_than_100_characters_is_a_400_problem()
    {
        var (status, problem) = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new JsonObject { ["name"] = new string('k', 101) });

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)problem!["detail"], Does.Contain("at most 100 characters"));
    }

    [Test]
    public async Task Revoking_an_unknown_key_is_a_404_problem()
    {
        var (status, problem) = await Api.SendAsync(HttpMethod.Delete, "/api/v1/api-keys/nosuchkey000");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)problem!["detail"], Does.Contain("nosuchkey000"));
    }
}
