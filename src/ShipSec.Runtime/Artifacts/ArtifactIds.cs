using System.Security.Cryptography;
using System.Text;

namespace ShipSec.Runtime.Artifacts;

/// <summary>Deterministic, URL-safe artifact ids: the n-th artifact of an attempt always gets the same id, so a redelivered attempt overwrites rather than duplicates.</summary>
public static class ArtifactIds
{
    public static string For(string runId, string nodeId, int attempt, long n) =>
        "art_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{runId}\n{nodeId}\n{attempt}\n{n}")))[..32];
}
