using System.Security.Cryptography;
using System.Text;

namespace ShipSec.Runtime.Secrets;

/// <summary>
/// AES-256-GCM sealing of secret values: <c>[format 1][nonce 12][tag 16][ciphertext]</c>, with the secret's id as
/// associated data so a sealed value cannot be moved to another secret's row.
/// </summary>
public sealed class SecretCipher
{
    private const byte Format = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    private readonly byte[] _key;

    public SecretCipher(byte[] key)
    {
        if (key.Length != SecretKey.Size) throw new ArgumentException($"A secrets key has {SecretKey.Size} bytes.", nameof(key));
        _key = key;
    }

    public byte[] Seal(string secretId, string value)
    {
        var plaintext = Encoding.UTF8.GetBytes(value);
        var sealedValue = new byte[HeaderSize + plaintext.Length];
        sealedValue[0] = Format;
        var nonce = sealedValue.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(HeaderSize), sealedValue.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(secretId));
        CryptographicOperations.ZeroMemory(plaintext);
        return sealedValue;
    }

    /// <summary>The value sealed for <paramref name="secretId"/>; throws <see cref="SecretUnreadableException"/> when the key or row does not match.</summary>
    public string Open(string secretId, byte[] sealedValue)
    {
        if (sealedValue.Length < HeaderSize || sealedValue[0] != Format)
            throw new SecretUnreadableException(secretId, "its stored form is not one this server writes");
        var plaintext = new byte[sealedValue.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedValue.AsSpan(1, NonceSize), sealedValue.AsSpan(HeaderSize), sealedValue.AsSpan(1 + NonceSize, TagSize), plaintext,
                Encoding.UTF8.GetBytes(secretId));
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretUnreadableException(secretId,
                "it was sealed with another key than the configured one (ShipSec:Secrets:Key or {DataPath}/keys/secrets.key)");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

/// <summary>A stored secret cannot be decrypted; the message says why, never the value.</summary>
public sealed class SecretUnreadableException(string secretId, string reason)
    : Exception($"Secret '{secretId}' cannot be decrypted: {reason}.");
