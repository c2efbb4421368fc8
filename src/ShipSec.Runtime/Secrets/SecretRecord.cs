using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShipSec.Runtime.Secrets;

/// <summary>A stored secret: its value only as AES-GCM ciphertext (<see cref="SecretCipher"/>); the key lives outside the database.</summary>
public sealed class SecretRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public byte[] Ciphertext { get; set; } = [];
    /// <summary>1 when created, incremented by every rotation.</summary>
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The <c>secrets</c> table.</summary>
public sealed class SecretRecordConfiguration : IEntityTypeConfiguration<SecretRecord>
{
    public void Configure(EntityTypeBuilder<SecretRecord> e)
    {
        e.ToTable("secrets");
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).HasColumnName("id").HasMaxLength(64);
        e.Property(s => s.Name).HasColumnName("name").HasMaxLength(SecretVault.MaxNameLength);
        e.Property(s => s.Description).HasColumnName("description");
        e.Property(s => s.Ciphertext).HasColumnName("ciphertext");
        e.Property(s => s.Version).HasColumnName("version");
        e.Property(s => s.CreatedAt).HasColumnName("created_at");
        e.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        e.HasIndex(s => s.Name).IsUnique();
    }
}
