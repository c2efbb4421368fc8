namespace ShipSec.Runtime.Persistence;

/// <summary>Metadata of a file a module emitted; the bytes live in the artifact store under <see cref="StorageKey"/>.</summary>
public sealed class ArtifactRecord
{
    public string Id { get; set; } = "";
    public string RunId { get; set; } = "";
    public string NodeId { get; set; } = "";
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
