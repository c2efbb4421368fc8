using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using ShipSec.Runtime.Persistence;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Auth.Keys;

namespace ShipSec.Server.Tests.Auth;

/// <summary>
/// Which requests <c>/api/v1</c> accepts: all while no key exists (Auto), from the first key on only those carrying an active
/// key (Bearer or X-API-Key) — health excepted — and none without a key in Required mode. Refusals are 401 ProblemDetails.
/// </summary>
public sealed class ApiKeyEnforcementTests : FreshServerTests
{
    [Test]
    public async Task While_no_key_exists_the_api_answers_without_one()
    {
        var (status, body) = await Api.SendAsync(HttpMethod.Get, "/api/v1/workflows");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), () => $"{body}");
    }

    [Test]
    public async Task While_no_key_exists_a_client_on_another_machine_is_refused_and_told_to_create_a_key_on_the_server()
    {
        using var remote = new ShipSecServerFactory(clientAddress: IPAddress.Parse("203.0.113.7"));
        using var http = remote.CreateClient();
        var api = new ApiClient(http);

        var (status, problem) = await api.SendAsync(HttpMethod.Get, "/api/v1/workflows");
        var (create, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new JsonObject { ["name"] = "from afar" });
        var (health, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/health");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)problem!["detail"], Does.Contain("only clients on the server's own machine"));
        Assert.That(create, Is.EqualTo(HttpStatusCode.Unauthorized), "the first key is created on the server's machine, not from afar");
        Assert.That(health, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Once_a_key_exists_a_request_without_one_gets_a_401_problem_with_a_bearer_challenge()
    {
        await CreateAsync(Api, "ci");

        using var response = await Api.Http.GetAsync("/api/v1/workflows");
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Is.EqualTo(new[] { "Bearer" }));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((int?)problem["status"], Is.EqualTo(401));
        Assert.That((string?)problem["detail"], Does.StartWith("missing API key"));
    }

    [Test]
    public async Task A_key_is_accepted_as_a_bearer_token_and_as_an_x_api_key_header()
    {
        var key = await CreateAsync(Api, "ci");

        var (bearer, _) = await Api.SendAsync(HttpMethod.Get, "/api/v1/workflows", headers: Bearer(key));
        var (header, _) = await Api.SendAsync(HttpMethod.Get, "/api/v1/workflows", headers: XApiKey(key));

        Assert.That(bearer, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(header, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_key_with_a_wrong_secret_is_refused_without_the_answer_repeating_it()
    {
        var key = await CreateAsync(Api, "ci");
        var wrong = key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBA" : "AAAA");

        var (status, problem) = await Api.SendAsync(HttpMethod.Get, "/api/v1/workflows", headers: Bearer(wrong));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)problem!["detail"], Does.StartWith("unknown or revoked API key"));
        Assert.That(problem.ToJsonString(), Does.Not.Contain(SecretOf(wrong)));
    }

    [Test]
    public async Task A_revoked_key_is_refused_while_the_other_keys_still_work()
    {
        var revoked = await CreateAsync(Api, "old");
        var kept = await CreateAsync(Api, "new", @using: revoked);

        var (revoke, _) = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{IdOf(revoked)}", headers: Bearer(kept));
        var (withRevoked, problem) = await Api.SendAsync(HttpMethod.Get, "/api/v1/workflows", headers: Bearer(revoked));
        var (withKept, _) = await Api.SendAsync(HttpMethod.Get, "/api/v1/workflows", headers: Bearer(kept));
        var (list, keys) = await Api.SendAsync(HttpMethod.Get, "/api/v1/api-keys", headers: Bearer(kept));

        Assert.That(revoke, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(withRevoked, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)problem!["detail"], Does.StartWith("unknown or revoked API key"));
        Assert.That(withKept, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(list, Is.EqualTo(HttpStatusCode.OK));
        var old = keys!.AsArray().Single(k => (string?)k!["id"] == IdOf(revoked))!;
        Assert.That(old["revokedAt"], Is.Not.Null);
    }

    [Test]
    public async Task Health_and_readiness_answer_without_a_key_once_keys_are_required()
    {
        await CreateAsync(Api, "ci");

        var (live, _) = await Api.SendAsync(HttpMethod.Get, "/api/v1/health");
        var (ready, _) = await Api.SendAsync(HttpMethod.Get, "/api/v1/health/ready");
        var (workflows, _) = await Api.SendAsync(HttpMethod.Get, "/api/v1/workflows");

        Assert.That(live, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready, Is.Not.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(workflows, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_database_holds_the_sha256_of_the_secret_and_never_the_key()
    {
        var key = await CreateAsync(Api, "ci");

        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var row = await db.ApiKeys.AsNoTracking().SingleAsync();
        var dump = await db.Database.SqlQueryRaw<string>(
            "SELECT id || '|' || name || '|' || hex(secret_hash) || '|' || created_at AS \"Value\" FROM api_keys").SingleAsync();

        var secret = SecretOf(key);
        Assert.That(row.Id, Is.EqualTo(IdOf(key)));
        Assert.That(row.SecretHash, Is.EqualTo(SHA256.HashData(Base64Url.DecodeFromChars(secret))));
        Assert.That(dump, Does.Not.Contain(secret).And.Not.Contain(Convert.ToHexString(Encoding.UTF8.GetBytes(secret))));
    }

    [Test]
    public async Task Required_mode_refuses_requests_while_no_key_exists_and_says_how_to_create_one()
    {
        var (server, api) = NewServer(new Dictionary<string, string> { ["ShipSec:Auth:Mode"] = "Required" });
        using var _ = server;

        var (list, problem) = await api.SendAsync(HttpMethod.Get, "/api/v1/workflows");
        var (create, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new JsonObject { ["name"] = "ci" });
        var (health, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/health");

        Assert.That(list, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)problem!["detail"], Does.Contain("no API key exists yet").And.Contain("api-key create"));
        Assert.That(create, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(health, Is.EqualTo(HttpStatusCode.OK));
    }
}
