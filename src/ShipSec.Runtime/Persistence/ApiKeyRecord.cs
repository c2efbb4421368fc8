using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShipSec.Runtime.Persistence;

/// <summary>A stored API key: its public id and the SHA-256 hash of its secret, never the key itself.</summary>
public sealed class ApiKeyRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public byte[] SecretHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When a request last presented the key, to the minute (<see cref="ApiKeyStore.LastUsedResolution"/>).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>Set once by a revocation; a revoked key never authenticates again.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>The <c>api_keys</c> table.</summary>
public sealed class ApiKeyRecordConfiguration : IEntityTypeConfiguration<ApiKeyRecord>
{
    public void Configure(EntityTypeBuilder<ApiKeyRecord> e)
    {
        e.ToTable("api_keys");
        e.HasKey(k => k.Id);
        e.Property(k => k.Id).HasColumnName("id").HasMaxLength(ApiKey.IdLength);
        e.Property(k => k.Name).HasColumnName("name").HasMaxLength(ApiKeyStore.MaxNameLength);
        e.Property(k => k.SecretHash).HasColumnName("secret_hash");
        e.Property(k => k.CreatedAt).HasColumnName("created_at");
        e.Property(k => k.LastUsedAt).HasColumnName("last_used_at");
        e.Property(k => k.RevokedAt).HasColumnName("revoked_at");
    }
}
