using System.Text.RegularExpressions;

namespace ShipSec.Runtime.Artifacts;

/// <summary>Builds and checks artifact storage keys: <c>{runId}/{artifactId}</c>, made only of safe characters.</summary>
public static partial class ArtifactKeys
{
    public static string For(string runId, string artifactId)
    {
        var key = $"{runId}/{artifactId}";
        EnsureValid(key);
        return key;
    }

    /// <summary>Throws unless the key is segments of <c>[A-Za-z0-9._-]</c> separated by <c>/</c>, none of them <c>.</c> or <c>..</c>.</summary>
    public static void EnsureValid(string key)
    {
        if (!SafeKey().IsMatch(key) || key.Split('/').Any(s => s is "." or ".."))
            throw new ArgumentException($"'{key}' is not a valid artifact storage key.", nameof(key));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex SafeKey();
}
