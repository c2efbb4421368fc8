namespace ShipSec.Runtime.Artifacts;

/// <summary>Makes a module-supplied artifact name safe to show and to offer as a download file name.</summary>
public static class ArtifactNames
{
    private const int MaxLength = 200;

    /// <summary>Keeps the last path segment, drops control and path characters, and bounds the length; never empty.</summary>
    public static string Sanitize(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var cleaned = new string(last.Where(c => !char.IsControl(c) && c is not '"' and not ':' and not '*' and not '?' and not '<' and not '>' and not '|').ToArray()).Trim();
        if (cleaned is "" or "." or "..") cleaned = "artifact";
        return cleaned.Length <= MaxLength ? cleaned : cleaned[..MaxLength];
    }
}
