using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Artifacts;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Files;

/// <summary>
/// Uploaded files: bytes in the <see cref="IArtifactStore"/> under <c>files/{id}</c>, metadata in the <c>files</c> table.
/// Uploads stream through (never held whole) and stop at <c>ShipSec:Files:MaxUploadBytes</c>, leaving nothing behind.
/// </summary>
public sealed class FileLibrary(IArtifactStore store, IServiceScopeFactory scopes, IOptions<ShipSecOptions> options, TimeProvider clock)
{
    public const int DefaultListLimit = 100;
    public const int MaxListLimit = 500;

    public long MaxUploadBytes => options.Value.Files.MaxUploadBytes;

    /// <summary>Stores <paramref name="content"/> as a new file; throws <see cref="UploadTooLargeException"/> past the limit.</summary>
    public async Task<FileView> UploadAsync(string? fileName, string? contentType, Stream content, CancellationToken cancellationToken)
    {
        var id = "file_" + Guid.NewGuid().ToString("N");
        var key = $"files/{id}";
        var stored = await store.PutAsync(key, new UploadLimitStream(content, MaxUploadBytes), cancellationToken);
        var record = new FileRecord
        {
            Id = id,
            Name = ArtifactNames.Sanitize(string.IsNullOrWhiteSpace(fileName) ? "upload" : fileName),
            ContentType = ContentTypes.Safe(contentType),
            Size = stored.Size,
            Sha256 = stored.Sha256,
            StorageKey = stored.Key,
            CreatedAt = clock.GetUtcNow(),
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
            db.Files.Add(record);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return ToView(record);
    }

    public async Task<IReadOnlyList<FileView>> ListAsync(int? limit, int? offset, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultListLimit;
        if (take is < 1 or > MaxListLimit) throw new InvalidRequestException("limit", $"limit must be between 1 and {MaxListLimit}; got {take}.");
        var skip = offset ?? 0;
        if (skip < 0) throw new InvalidRequestException("offset", $"offset must be 0 or more; got {skip}.");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        var rows = await db.Files.AsNoTracking().OrderByDescending(f => f.CreatedAt).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return rows.Select(ToView).ToList();
    }

    public async Task<FileView> GetAsync(string id, CancellationToken cancellationToken) => ToView(await FindAsync(id, cancellationToken));

    /// <summary>Opens a file for reading (seekable, so ranges can be served); throws <see cref="NotFoundException"/> when it does not exist.</summary>
    public async Task<FileContent> OpenAsync(string id, CancellationToken cancellationToken)
    {
        var record = await FindAsync(id, cancellationToken);
        var stream = await store.OpenReadAsync(record.StorageKey, cancellationToken)
            ?? throw new NotFoundException($"The content of file '{id}' is no longer in the object store.");
        return new FileContent(ToView(record), stream);
    }

    /// <summary>Deletes the file's row, then its bytes.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        string key;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
            var record = await db.Files.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw NotFound(id);
            key = record.StorageKey;
            db.Files.Remove(record);
            await db.SaveChangesAsync(cancellationToken);
        }
        await store.DeleteAsync(key, cancellationToken);
    }

    private async Task<FileRecord> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        return await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw NotFound(id);
    }

    private static NotFoundException NotFound(string id) => new($"File '{id}' does not exist.");

    private static FileView ToView(FileRecord f) => new(f.Id, f.Name, f.ContentType, f.Size, f.Sha256, f.CreatedAt);
}
