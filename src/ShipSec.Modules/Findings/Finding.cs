namespace ShipSec.Modules.Findings;

/// <summary>
/// One finding in the shape every security module shares besides its own outputs, so reports and the studio can show any of
/// them: the asset it concerns, a machine-readable kind, a severity (<see cref="FindingSeverity"/>), a title and the evidence.
/// </summary>
/// <param name="Asset">What the finding is about: a host, <c>host:port</c>, URL or domain.</param>
/// <param name="Kind">Dotted, stable identifier such as <c>network.open-port</c> or <c>tls.weak-protocol</c>.</param>
public sealed record Finding(string Asset, string Kind, string Severity, string Title, string Evidence);

/// <summary>The severities a <see cref="Finding"/> may carry, lowest first.</summary>
public static class FindingSeverity
{
    public const string Info = "info";
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
    public const string Critical = "critical";

    /// <summary>Maps a tool's own severity word (nuclei's <c>unknown</c>, upper case…) to one of ours; unknown words become <see cref="Info"/>.</summary>
    public static string Normalize(string? severity) => severity?.Trim().ToLowerInvariant() switch
    {
        "low" => Low,
        "medium" or "moderate" => Medium,
        "high" => High,
        "critical" => Critical,
        _ => Info,
    };
}
