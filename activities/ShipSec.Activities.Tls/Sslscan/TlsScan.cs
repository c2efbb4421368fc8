namespace ShipSec.Activities.Tls.Sslscan;

/// <summary>What sslscan found on one TLS endpoint.</summary>
public sealed record TlsScan(
    string Host,
    int Port,
    string? SniName,
    IReadOnlyList<TlsProtocol> Protocols,
    IReadOnlyList<TlsCipher> Ciphers,
    TlsCertificate? Certificate,
    IReadOnlyList<string> HeartbleedVulnerable,
    bool InsecureRenegotiation)
{
    /// <summary>The endpoint as host:port.</summary>
    public string Endpoint => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

/// <summary>A protocol version and whether the server accepts it, e.g. TLSv1.2.</summary>
public sealed record TlsProtocol(string Name, bool Enabled);

/// <summary>A cipher suite the server accepts; <see cref="Strength"/> is sslscan's rating (null, anonymous, weak, medium, acceptable, strong).</summary>
public sealed record TlsCipher(string Protocol, string Name, int Bits, string Strength, bool Preferred);

/// <summary>The server certificate as sslscan summarises it.</summary>
public sealed record TlsCertificate(
    string? Subject,
    string? Issuer,
    bool SelfSigned,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    bool Expired,
    string? SignatureAlgorithm,
    string? KeyType,
    int? KeyBits);
