using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Modules;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Artifacts;

/// <summary>Stores an artifact's bytes in the <see cref="IArtifactStore"/> and its metadata row; re-recording the same id replaces both.</summary>
public sealed class ArtifactRecorder(IArtifactStore store, IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<ArtifactInfo> RecordAsync(string runId, string nodeId, string artifactId, string name, string contentType,
        Stream content, CancellationToken cancellationToken)
    {
        var key = ArtifactKeys.For(runId, artifactId);
        var stored = await store.PutAsync(key, content, cancellationToken);
        var record = new ArtifactRecord
        {
            Id = artifactId,
            RunId = runId,
            NodeId = nodeId,
            Name = ArtifactNames.Sanitize(name),
            ContentType = ContentTypes.Safe(contentType),
            Size = stored.Size,
            Sha256 = stored.Sha256,
            StorageKey = stored.Key,
            CreatedAt = clock.GetUtcNow(),
        };

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var existing = await db.Artifacts.FirstOrDefaultAsync(a => a.Id == artifactId, cancellationToken);
        if (existing is null) db.Artifacts.Add(record);
        else db.Entry(existing).CurrentValues.SetValues(record);
        await db.SaveChangesAsync(cancellationToken);

        return new ArtifactInfo(record.Id, record.Name, record.ContentType, record.Size, record.Sha256);
    }
}
