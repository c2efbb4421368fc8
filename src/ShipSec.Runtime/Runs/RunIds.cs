using System.Security.Cryptography;
using System.Text;

namespace ShipSec.Runtime.Runs;

/// <summary>Run ids: <c>shipsec-run-&lt;uuid&gt;</c>, random, or derived from an Idempotency-Key so a repeated request names the same run.</summary>
public static class RunIds
{
    private const string Prefix = "shipsec-run-";

    public static string New() => Prefix + Guid.NewGuid();

    public static string FromIdempotencyKey(string key)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("shipsec-idempotency\n" + key)).AsSpan(0, 16).ToArray();
        // Stamp it as an RFC 9562 version-8 (custom) UUID with the standard variant.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return Prefix + new Guid(bytes, bigEndian: true);
    }
}
