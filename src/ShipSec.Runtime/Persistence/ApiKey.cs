using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ShipSec.Runtime.Persistence;

/// <summary>
/// An API key as a client holds it, <c>ssk_&lt;id&gt;_&lt;secret&gt;</c>: a short public id to find the stored row, and 32
/// random bytes (base64url) of which only the SHA-256 hash is stored.
/// </summary>
public sealed class ApiKey
{
    public const string Prefix = "ssk_";
    public const int IdLength = 12;
    public const int SecretBytes = 32;

    /// <summary>Characters of the secret: 32 bytes in unpadded base64url.</summary>
    public const int SecretLength = 43;

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly byte[] _secret;

    private ApiKey(string id, byte[] secret)
    {
        Id = id;
        _secret = secret;
    }

    /// <summary>The public part: names the key in lists, logs and <c>DELETE /api-keys/{id}</c>.</summary>
    public string Id { get; }

    /// <summary>The whole key, to hand to the client once; never log it.</summary>
    public string Value => $"{Prefix}{Id}_{Base64Url.EncodeToString(_secret)}";

    /// <summary>What the database stores in place of the secret.</summary>
    public byte[] SecretHash => SHA256.HashData(_secret);

    /// <summary>A new key from the system's cryptographic random generator.</summary>
    public static ApiKey New() => new(RandomNumberGenerator.GetString(IdAlphabet, IdLength), RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Reads a presented key; false when it is not in the <c>ssk_&lt;id&gt;_&lt;secret&gt;</c> format.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out ApiKey? key)
    {
        key = null;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = value.AsSpan(Prefix.Length);
        // The id's alphabet has no '_', so the first one ends it; the secret's base64url may contain more.
        var cut = rest.IndexOf('_');
        if (cut != IdLength) return false;
        var id = rest[..cut];
        foreach (var c in id)
        {
            if (!IdAlphabet.Contains(c)) return false;
        }
        var encoded = rest[(cut + 1)..];
        var secret = new byte[SecretBytes];
        if (encoded.Length != SecretLength || !Base64Url.TryDecodeFromChars(encoded, secret, out var written) || written != SecretBytes) return false;
        key = new ApiKey(id.ToString(), secret);
        // Only the canonical spelling: the last character's two unused bits must be zero.
        return key.Value == value;
    }

    /// <summary>Whether this key's secret hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(SecretHash, storedHash);

    /// <summary>The id only, so an accidental log line or exception message never carries the secret.</summary>
    public override string ToString() => $"{Prefix}{Id}_…";
}
