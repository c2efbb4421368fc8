using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShipSec.Runtime.Files;

/// <summary>Metadata of an uploaded file; the bytes live in the artifact store under <see cref="StorageKey"/>.</summary>
public sealed class FileRecord
{
    public string Id { get; set; } = "";
    /// <summary>The uploader's file name, sanitised (no path, no control characters).</summary>
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The <c>files</c> table.</summary>
public sealed class FileRecordConfiguration : IEntityTypeConfiguration<FileRecord>
{
    public void Configure(EntityTypeBuilder<FileRecord> e)
    {
        e.ToTable("files");
        e.HasKey(f => f.Id);
        e.Property(f => f.Id).HasColumnName("id").HasMaxLength(64);
        e.Property(f => f.Name).HasColumnName("name").HasMaxLength(500);
        e.Property(f => f.ContentType).HasColumnName("content_type").HasMaxLength(255);
        e.Property(f => f.Size).HasColumnName("size");
        e.Property(f => f.Sha256).HasColumnName("sha256").HasMaxLength(64);
        e.Property(f => f.StorageKey).HasColumnName("storage_key").HasMaxLength(500);
        e.Property(f => f.CreatedAt).HasColumnName("created_at");
        e.HasIndex(f => f.CreatedAt);
    }
}
