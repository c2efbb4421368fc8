namespace ShipSec.Server.Auth;

/// <summary>The <c>ShipSec:Auth</c> configuration section: when <c>/api/v1</c> requires an API key, and an optional key to install at startup.</summary>
public sealed class ApiAuthOptions
{
    public const string Section = "ShipSec:Auth";

    public ApiAuthMode Mode { get; set; } = ApiAuthMode.Auto;

    /// <summary>A whole key (<c>ssk_…</c>) stored, hashed, at startup unless its id is already stored; for compose files and CI.</summary>
    public string? BootstrapKey { get; set; }

    /// <summary>
    /// How long an API process trusts its last answer to "does any active key exist?". Creating or revoking a key through this
    /// process refreshes it at once; a change made by another process (or the CLI) is seen within this time.
    /// </summary>
    public double KeyPresenceCacheSeconds { get; set; } = 5;
}

/// <summary>When requests to <c>/api/v1</c> (health excepted) must carry an API key.</summary>
public enum ApiAuthMode
{
    /// <summary>
    /// As soon as at least one active key exists; while none does, the API is open to clients on the server's own machine
    /// (loopback) and refused to everyone else (the zero-configuration default).
    /// </summary>
    Auto,

    /// <summary>Always; without any key every request is refused until one is created with the CLI or a bootstrap key.</summary>
    Required,
}
