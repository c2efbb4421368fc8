using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Server.Tests.Infrastructure;

namespace ShipSec.Server.Tests.Auth;

/// <summary>Creating API keys through the API and sending them the two ways a client can.</summary>
public static class Keys
{
    /// <summary>The shape of every key the server hands out: <c>ssk_</c>, a 12-character id, <c>_</c>, 43 base64url characters.</summary>
    public const string Format = "^ssk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$";

    /// <summary>Creates a key with <c>POST /api-keys</c> (authenticated by <paramref name="using"/> when given) and returns its value.</summary>
    public static async Task<string> CreateAsync(ApiClient api, string name, string? @using = null)
    {
        var (status, body) = await api.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new JsonObject { ["name"] = name },
            @using is null ? null : Bearer(@using));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), () => $"create API key: {body}");
        return (string)body!["key"]!;
    }

    public static Dictionary<string, string> Bearer(string key) => new() { ["Authorization"] = $"Bearer {key}" };

    public static Dictionary<string, string> XApiKey(string key) => new() { ["X-API-Key"] = key };

    /// <summary>The id part of a key (<c>ssk_&lt;id&gt;_…</c>).</summary>
    public static string IdOf(string key) => key.Split('_')[1];

    /// <summary>The secret part of a key: everything after the id.</summary>
    public static string SecretOf(string key) => key[(key.IndexOf('_', 4) + 1)..];

    /// <summary>A server of its own (on <paramref name="dataPath"/> when given) and a client for it.</summary>
    public static (ShipSecServerFactory Server, ApiClient Api) NewServer(IReadOnlyDictionary<string, string>? settings = null, string? dataPath = null)
    {
        var server = new ShipSecServerFactory(settings, dataPath);
        return (server, new ApiClient(server.CreateClient()));
    }
}
