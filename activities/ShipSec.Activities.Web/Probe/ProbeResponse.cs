namespace ShipSec.Activities.Web.Probe;

/// <summary>What probing one target found; <see cref="Error"/> is set (and <see cref="Status"/> null) when nothing answered.</summary>
public sealed record ProbeResponse
{
    /// <summary>The target as given (URL or host[:port]).</summary>
    public required string Target { get; init; }
    /// <summary>The URL first requested.</summary>
    public required string Url { get; init; }
    /// <summary>The URL that gave the final answer, after redirects.</summary>
    public string? FinalUrl { get; init; }
    public int? Status { get; init; }
    public string? Title { get; init; }
    public string? Server { get; init; }
    public long? ContentLength { get; init; }
    public string? ContentType { get; init; }
    public List<RedirectHop> RedirectChain { get; init; } = [];
    public TlsCertificateInfo? Tls { get; init; }
    public string? Error { get; init; }
}

/// <summary>One redirect followed: the URL requested and the 3xx status it answered.</summary>
public sealed record RedirectHop(string Url, int Status);

/// <summary>The certificate a TLS server presented (captured whether or not it validates).</summary>
public sealed record TlsCertificateInfo
{
    public required string Subject { get; init; }
    public required string Issuer { get; init; }
    public required DateTimeOffset NotBefore { get; init; }
    public required DateTimeOffset NotAfter { get; init; }
    /// <summary>Whole days from the probe until <see cref="NotAfter"/>; negative once expired.</summary>
    public required int DaysUntilExpiry { get; init; }
    public required bool SelfSigned { get; init; }
    public required string Sha256Thumbprint { get; init; }
    /// <summary>Validation problems (<c>RemoteCertificateNameMismatch</c>, <c>RemoteCertificateChainErrors</c>…); empty when the certificate validates.</summary>
    public List<string> ValidationErrors { get; init; } = [];
}
