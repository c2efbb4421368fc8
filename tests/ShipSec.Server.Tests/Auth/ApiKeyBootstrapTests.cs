using System.Diagnostics;
using System.Net;
using NUnit.Framework;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Persistence;
using ShipSec.Server.Tests.Infrastructure;
using static ShipSec.Server.Tests.Auth.Keys;

namespace ShipSec.Server.Tests.Auth;

/// <summary>
/// The first key without the API: the <c>api-key</c> verbs of the server binary, and <c>ShipSec:Auth:BootstrapKey</c> stored at
/// startup (a malformed one, like an unknown mode, stops startup).
/// </summary>
public sealed class ApiKeyBootstrapTests
{
    private static readonly TimeSpan CommandPatience = TimeSpan.FromSeconds(120);

    private string _dataPath = null!;

    [SetUp]
    public void NewDataPath() => _dataPath = ShipSecServerFactory.NewDataPath();

    [TearDown]
    public void DeleteDataPath() => ShipSecServerFactory.DeleteDataPath(_dataPath);

    [Test]
    public async Task The_api_key_create_verb_prints_only_a_key_that_the_server_then_accepts()
    {
        var (exit, stdout, stderr) = await RunServerBinaryAsync("api-key", "create", "--name", "ci");
        var key = stdout.Trim();
        var (server, api) = NewServer(dataPath: _dataPath);
        using var _ = server;

        var (withKey, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/workflows", headers: Bearer(key));
        var (without, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/workflows");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(key, Does.Match(Format), "standard output holds the key and nothing else");
        Assert.That(stderr, Does.Contain(IdOf(key)).And.Not.Contain(key));
        Assert.That(withKey, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(without, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_api_key_list_and_revoke_verbs_show_and_revoke_a_key()
    {
        var key = (await RunServerBinaryAsync("api-key", "create", "--name", "ci")).Stdout.Trim();

        var (revokeExit, _, revokeErr) = await RunServerBinaryAsync("api-key", "revoke", IdOf(key));
        var (listExit, list, _) = await RunServerBinaryAsync("api-key", "list");
        var (unknownExit, _, unknownErr) = await RunServerBinaryAsync("api-key", "revoke", "nosuchkey000");
        var (server, api) = NewServer(dataPath: _dataPath);
        using var _ = server;
        var (status, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/workflows", headers: Bearer(key));

        Assert.That(revokeExit, Is.EqualTo(0), revokeErr);
        Assert.That(listExit, Is.EqualTo(0));
        Assert.That(list, Does.Contain(IdOf(key)).And.Contain("ci").And.Contain("revoked").And.Not.Contain(key));
        Assert.That(unknownExit, Is.EqualTo(1));
        Assert.That(unknownErr, Does.Contain("nosuchkey000"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_bootstrap_key_is_stored_once_at_startup_and_then_required()
    {
        var key = ApiKey.New().Value;
        var settings = new Dictionary<string, string> { ["ShipSec:Auth:BootstrapKey"] = key };

        var (first, api) = NewServer(settings, _dataPath);
        var (without, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/workflows");
        var (with, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/workflows", headers: XApiKey(key));
        first.Dispose();
        var (second, restarted) = NewServer(settings, _dataPath);
        using var _ = second;
        var (_, keys) = await restarted.SendAsync(HttpMethod.Get, "/api/v1/api-keys", headers: Bearer(key));

        Assert.That(without, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(with, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(keys!.AsArray().Select(k => ((string?)k!["id"], (string?)k["name"])), Is.EqualTo(new[] { (IdOf(key), "bootstrap") }));
    }

    [TestCase("not-a-key")]
    [TestCase("ssk_short_c2VjcmV0")]
    [TestCase("ssk_abcdefghijkl_dG9vIHNob3J0")]
    public void A_malformed_bootstrap_key_stops_startup_with_an_error_that_names_the_setting(string malformed)
    {
        using var server = new ShipSecServerFactory(new Dictionary<string, string> { ["ShipSec:Auth:BootstrapKey"] = malformed }, _dataPath);

        var error = Assert.Catch(() => server.CreateClient());

        var message = Flatten(error).OfType<RuntimeConfigurationException>().Single().Message;
        Assert.That(message, Does.Contain("ShipSec:Auth:BootstrapKey").And.Contain("ssk_").And.Not.Contain(malformed));
    }

    [Test]
    public void An_unknown_auth_mode_stops_startup_naming_the_modes()
    {
        using var server = new ShipSecServerFactory(new Dictionary<string, string> { ["ShipSec:Auth:Mode"] = "Sometimes" }, _dataPath);

        var error = Assert.Catch(() => server.CreateClient());

        Assert.That(Flatten(error).OfType<RuntimeConfigurationException>().Single().Message, Does.Contain("Auto").And.Contain("Required"));
    }

    /// <summary>Runs the built server binary (<c>dotnet ShipSec.Server.dll …</c>) on this test's data folder and waits for it to exit.</summary>
    private async Task<(int Exit, string Stdout, string Stderr)> RunServerBinaryAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ShipSec.Server.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[dll, .. args]) start.ArgumentList.Add(arg);
        start.Environment["ShipSec__DataPath"] = _dataPath;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(CommandPatience);
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, await stdout, await stderr);
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
