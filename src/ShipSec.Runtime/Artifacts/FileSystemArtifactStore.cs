namespace ShipSec.Runtime.Artifacts;

/// <summary>Objects as files under a root folder (<c>{DataPath}/artifacts</c>); writes go to a temporary file first, so readers never see half an object.</summary>
public sealed class FileSystemArtifactStore(string root) : IArtifactStore
{
    private const int BufferSize = HashingCopy.BufferSize;

    public async Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            (long Size, string Sha256) written;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                written = await HashingCopy.CopyAsync(content, file, cancellationToken);
            }
            File.Move(temporary, path, overwrite: true);
            return new StoredObject(key, written.Size, written.Sha256);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true)
            : null;
        return Task.FromResult(stream);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return Task.CompletedTask;
        File.Delete(path);
        // A run's folder goes with its last artifact, so retention leaves no trail of empty folders.
        var folder = Path.GetDirectoryName(path)!;
        if (Path.GetFullPath(folder) != Path.GetFullPath(root) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                // Another artifact arrived in the folder meanwhile; it stays.
            }
        }
        return Task.CompletedTask;
    }

    public string Description => $"FileSystem {root}";

    public Task CheckAvailableAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var probe = Path.Combine(root, $".probe-{Guid.NewGuid():N}");
        File.WriteAllBytes(probe, []);
        File.Delete(probe);
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        ArtifactKeys.EnsureValid(key);
        return Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
