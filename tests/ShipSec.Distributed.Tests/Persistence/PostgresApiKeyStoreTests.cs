using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Persistence.Postgres;

namespace ShipSec.Distributed.Tests.Persistence;

/// <summary>The API-key store on PostgreSQL: a created key verifies, a wrong secret or a revoked key does not, and only a hash is stored.</summary>
public sealed class PostgresApiKeyStoreTests
{
    private ScratchDatabase _database = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = await ScratchDatabase.CreateAsync("apikeys");
        _services = new ServiceCollection()
            .AddDbContext<ShipSecDbContext, PostgresShipSecDbContext>(db => db.UseNpgsql(_database.ConnectionString))
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ApiKeyStore>()
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShipSecDbContext>().Database.MigrateAsync();
    }

    [TearDown]
    public async Task DropDatabase()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task A_created_key_verifies_until_it_is_revoked_and_the_table_holds_only_its_hash()
    {
        var store = _services.GetRequiredService<ApiKeyStore>();

        var created = await store.CreateAsync("ci", CancellationToken.None);
        Assert.That(ApiKey.TryParse(created.Key, out var key), Is.True);
        var verified = await store.VerifyAsync(created.Key, CancellationToken.None);
        var wrongSecret = await store.VerifyAsync(ApiKeyWithSecretOf(created.Id), CancellationToken.None);
        var activeBefore = await store.AnyActiveAsync(CancellationToken.None);
        await store.RevokeAsync(created.Id, CancellationToken.None);
        var afterRevoke = await store.VerifyAsync(created.Key, CancellationToken.None);
        var activeAfter = await store.AnyActiveAsync(CancellationToken.None);

        Assert.That(verified?.Id, Is.EqualTo(created.Id));
        Assert.That(verified?.LastUsedAt, Is.Not.Null, "verification records the use");
        Assert.That(wrongSecret, Is.Null);
        Assert.That(activeBefore, Is.True);
        Assert.That(afterRevoke, Is.Null);
        Assert.That(activeAfter, Is.False);
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var row = await db.Database.SqlQueryRaw<string>(
            "SELECT concat_ws('|', id, name, encode(secret_hash, 'hex'), created_at, last_used_at, revoked_at) AS \"Value\" FROM api_keys").SingleAsync();
        Assert.That(row, Does.Contain(Convert.ToHexStringLower(key!.SecretHash)));
        Assert.That(row, Does.Not.Contain(created.Key[(created.Key.IndexOf('_', 4) + 1)..]));
        Assert.That((await store.ListAsync(CancellationToken.None)).Single().RevokedAt, Is.Not.Null);
    }

    [Test]
    public async Task Importing_a_bootstrap_key_twice_stores_it_once()
    {
        var store = _services.GetRequiredService<ApiKeyStore>();
        var key = ApiKey.New();

        var first = await store.ImportAsync(key, "bootstrap", CancellationToken.None);
        var second = await store.ImportAsync(key, "bootstrap", CancellationToken.None);

        Assert.That((first, second), Is.EqualTo((true, false)));
        Assert.That((await store.VerifyAsync(key.Value, CancellationToken.None))?.Name, Is.EqualTo("bootstrap"));
        Assert.That(await store.ListAsync(CancellationToken.None), Has.Count.EqualTo(1));
    }

    /// <summary>A well-formed key with <paramref name="id"/> and a fresh random secret.</summary>
    private static string ApiKeyWithSecretOf(string id)
    {
        var other = ApiKey.New().Value;
        return $"{ApiKey.Prefix}{id}{other[(ApiKey.Prefix.Length + ApiKey.IdLength)..]}";
    }
}
