using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Secrets;

/// <summary>
/// Secrets by id: create, list, rotate, delete (values sealed with <see cref="SecretCipher"/>; no read path returns a
/// value), and <see cref="RevealAsync"/>, which only the worker calls just before a module runs.
/// </summary>
public sealed class SecretVault(IServiceScopeFactory scopes, Lazy<SecretCipher> cipher, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxValueLength = 65536;

    public async Task<SecretView> CreateAsync(CreateSecretRequest request, CancellationToken cancellationToken)
    {
        var name = ValidName(request.Name);
        var value = ValidValue(request.Value);
        var description = ValidDescription(request.Description);
        var now = clock.GetUtcNow();
        var id = "sec_" + Guid.NewGuid().ToString("N");
        var record = new SecretRecord
        {
            Id = id,
            Name = name,
            Description = description,
            Ciphertext = cipher.Value.Seal(id, value),
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        if (await db.Secrets.AnyAsync(s => s.Name == name, cancellationToken)) throw NameTaken(name);
        db.Secrets.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on name caught a concurrent create.
            throw NameTaken(name);
        }
        return ToView(record);
    }

    public async Task<IReadOnlyList<SecretView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        return await db.Secrets.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new SecretView(s.Id, s.Name, s.Description, s.Version, s.CreatedAt, s.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<SecretView> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        return await db.Secrets.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new SecretView(s.Id, s.Name, s.Description, s.Version, s.CreatedAt, s.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken) ?? throw NotFound(id);
    }

    /// <summary>Replaces the value; runs dispatched from now on receive the new one.</summary>
    public async Task<SecretView> RotateAsync(string id, RotateSecretRequest request, CancellationToken cancellationToken)
    {
        var value = ValidValue(request.Value);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var record = await db.Secrets.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw NotFound(id);
        record.Ciphertext = cipher.Value.Seal(id, value);
        record.Version++;
        record.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return ToView(record);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        if (await db.Secrets.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) == 0) throw NotFound(id);
    }

    /// <summary>
    /// The values of the referenced secrets, by reference: a reference is a secret id, or else a secret name.
    /// References that name no secret are missing from the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> RevealAsync(IReadOnlyCollection<string> references, CancellationToken cancellationToken)
    {
        if (references.Count == 0) return new Dictionary<string, string>();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var rows = await db.Secrets.AsNoTracking().Where(s => references.Contains(s.Id) || references.Contains(s.Name)).ToListAsync(cancellationToken);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            var row = rows.FirstOrDefault(r => r.Id == reference) ?? rows.FirstOrDefault(r => r.Name == reference);
            if (row is not null) values[reference] = cipher.Value.Open(row.Id, row.Ciphertext);
        }
        return values;
    }

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw new InvalidRequestException("name", "name is required: a label for the secret, e.g. SHODAN_API_KEY.");
        if (trimmed.Length > MaxNameLength) throw new InvalidRequestException("name", $"name must be at most {MaxNameLength} characters.");
        if (trimmed.Any(char.IsControl)) throw new InvalidRequestException("name", "name must not contain control characters.");
        return trimmed;
    }

    private static string ValidValue(string? value)
    {
        if (string.IsNullOrEmpty(value)) throw new InvalidRequestException("value", "value is required and must not be empty.");
        if (value.Length > MaxValueLength) throw new InvalidRequestException("value", $"value must be at most {MaxValueLength} characters.");
        return value;
    }

    private static string? ValidDescription(string? description)
    {
        if (string.IsNullOrWhiteSpace(description)) return null;
        return description.Length <= MaxDescriptionLength
            ? description
            : throw new InvalidRequestException("description", $"description must be at most {MaxDescriptionLength} characters.");
    }

    private static ConflictException NameTaken(string name) =>
        new($"A secret named '{name}' already exists; rotate it (PUT /api/v1/secrets/{{id}}/rotate) or choose another name.");

    private static NotFoundException NotFound(string id) => new($"Secret '{id}' does not exist.");

    private static SecretView ToView(SecretRecord s) => new(s.Id, s.Name, s.Description, s.Version, s.CreatedAt, s.UpdatedAt);
}

/// <summary>A secret as the API shows it: everything but the value.</summary>
public sealed record SecretView(string Id, string Name, string? Description, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Body of <c>POST /secrets</c>.</summary>
public sealed record CreateSecretRequest(string? Name, string? Value, string? Description);

/// <summary>Body of <c>PUT /secrets/{id}/rotate</c>.</summary>
public sealed record RotateSecretRequest(string? Value);
