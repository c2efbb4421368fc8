using System.Security.Cryptography;
using ShipSec.Runtime.Configuration;

namespace ShipSec.Runtime.Secrets;

/// <summary>
/// Where the secrets key comes from: <c>ShipSec:Secrets:Key</c> (base64 of 32 bytes) when configured; otherwise the
/// embedded default's key file <c>{DataPath}/keys/secrets.key</c>, generated on first use with mode 0600. Never the database.
/// </summary>
public static class SecretKey
{
    public const int Size = 32;

    /// <summary>The key file used when no key is configured.</summary>
    public static string FilePath(ShipSecOptions options) => Path.Combine(options.FullDataPath, "keys", "secrets.key");

    /// <summary>Checks a configured key without touching the file system; throws <see cref="RuntimeConfigurationException"/> when it is malformed.</summary>
    public static void Validate(ShipSecOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Secrets.Key)) Decode(options.Secrets.Key, "ShipSec:Secrets:Key");
    }

    /// <summary>The configured key, or the key file's (created when missing).</summary>
    public static byte[] Load(ShipSecOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Secrets.Key)) return Decode(options.Secrets.Key, "ShipSec:Secrets:Key");

        var path = FilePath(options);
        if (!File.Exists(path)) TryCreate(path);
        return Decode(File.ReadAllText(path), path);
    }

    private static void TryCreate(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var key = RandomNumberGenerator.GetBytes(Size);
        try
        {
            var mode = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) mode.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var file = new StreamWriter(path, mode);
            file.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of the same installation wrote it first; its key is the one to use.
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Decode(string text, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new RuntimeConfigurationException($"The secrets key in {source} is not base64; generate one with `openssl rand -base64 32`.");
        }
        return key.Length == Size
            ? key
            : throw new RuntimeConfigurationException(
                $"The secrets key in {source} has {key.Length} bytes; it needs {Size} (generate one with `openssl rand -base64 32`).");
    }
}
