using System.Security.Cryptography;

namespace ShipSec.Runtime.Artifacts;

/// <summary>Artifacts as files under <c>{DataPath}/artifacts</c>; writes go to a temporary file first, so readers never see half an object.</summary>
public sealed class FileSystemArtifactStore(string root) : IArtifactStore
{
    private const int BufferSize = 81920;

    public async Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return new StoredObject(key, size, Convert.ToHexStringLower(sha.GetHashAndReset()));
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
        File.Delete(PathOf(key));
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
