using System.Security.Cryptography;

namespace ShipSec.Runtime.Artifacts;

/// <summary>Copies a stream in fixed-size chunks while counting its bytes and computing its SHA-256, so content is never held whole.</summary>
public static class HashingCopy
{
    public const int BufferSize = 81920;

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>; returns the byte count and lowercase hex SHA-256.</summary>
    public static async Task<(long Size, string Sha256)> CopyAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long size = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            size += read;
        }
        return (size, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
