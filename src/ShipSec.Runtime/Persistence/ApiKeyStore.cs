using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Runtime.Errors;

namespace ShipSec.Runtime.Persistence;

/// <summary>
/// API keys by id: create (the only time the whole key is seen), import a key generated elsewhere, list, revoke, and verify a
/// presented key against the stored hash.
/// </summary>
public sealed class ApiKeyStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int MaxNameLength = 100;

    /// <summary>How stale <c>last_used_at</c> may get: a key in constant use costs one write per this interval, not one per request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Creates a key named <paramref name="name"/> (trimmed, 1–100 characters) and returns it with its value.</summary>
    public async Task<CreatedApiKey> CreateAsync(string? name, CancellationToken cancellationToken)
    {
        var valid = ValidName(name);
        var key = ApiKey.New();
        var record = new ApiKeyRecord { Id = key.Id, Name = valid, SecretHash = key.SecretHash, CreatedAt = clock.GetUtcNow() };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(record.Id, record.Name, key.Value, record.CreatedAt);
    }

    /// <summary>Stores a key that was generated outside the server (a bootstrap key); false when its id is already stored.</summary>
    public async Task<bool> ImportAsync(ApiKey key, string name, CancellationToken cancellationToken)
    {
        var valid = ValidName(name);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        if (await db.ApiKeys.AnyAsync(k => k.Id == key.Id, cancellationToken)) return false;
        db.ApiKeys.Add(new ApiKeyRecord { Id = key.Id, Name = valid, SecretHash = key.SecretHash, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another process starting with the same bootstrap key inserted it first.
            return false;
        }
    }

    /// <summary>Every key, active and revoked, oldest first; no key value or hash.</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var rows = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).Select(ToView).ToList();
    }

    /// <summary>Revokes the key from now on; revoking a revoked key keeps its first revocation time.</summary>
    public async Task RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var record = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new NotFoundException($"API key '{id}' does not exist.");
        if (record.RevokedAt is not null) return;
        record.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether at least one key is not revoked.</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        return await db.ApiKeys.AnyAsync(k => k.RevokedAt == null, cancellationToken);
    }

    /// <summary>The active key that <paramref name="presented"/> is, or null when it is malformed, unknown, revoked or has the wrong secret.</summary>
    public async Task<ApiKeyView?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKey.TryParse(presented, out var key)) return null;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var record = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == key.Id, cancellationToken);
        if (record is null || record.RevokedAt is not null || !key.Matches(record.SecretHash)) return null;

        var now = clock.GetUtcNow();
        if (record.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            record.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return ToView(record);
    }

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw new InvalidRequestException("name", "name is required: a label saying who or what uses the key, e.g. ci.");
        if (trimmed.Length > MaxNameLength) throw new InvalidRequestException("name", $"name must be at most {MaxNameLength} characters.");
        if (trimmed.Any(char.IsControl)) throw new InvalidRequestException("name", "name must not contain control characters.");
        return trimmed;
    }

    private static ApiKeyView ToView(ApiKeyRecord k) => new(k.Id, k.Name, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}

/// <summary>An API key as lists show it: everything but the key and its hash.</summary>
public sealed record ApiKeyView(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just created: the only answer that carries <see cref="Key"/>.</summary>
public sealed record CreatedApiKey(string Id, string Name, string Key, DateTimeOffset CreatedAt);
