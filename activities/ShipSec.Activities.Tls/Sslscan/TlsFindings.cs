using System.Globalization;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Tls.Sslscan;

/// <summary>Turns an endpoint's sslscan results into findings: old protocols, weak ciphers, Heartbleed, certificate problems.</summary>
public static class TlsFindings
{
    /// <summary>A certificate expiring within this many days is reported.</summary>
    public const int ExpiryWarningDays = 30;

    public static IEnumerable<Finding> For(TlsScan scan, DateTimeOffset now)
    {
        var asset = scan.Endpoint;
        foreach (var protocol in scan.Protocols.Where(p => p.Enabled))
        {
            if (protocol.Name is "SSLv2" or "SSLv3")
                yield return new Finding(asset, "tls.weak-protocol", FindingSeverity.High, $"{protocol.Name} is enabled", $"{protocol.Name} accepted; it is broken and must be disabled");
            else if (protocol.Name is "TLSv1.0" or "TLSv1.1")
                yield return new Finding(asset, "tls.weak-protocol", FindingSeverity.Medium, $"{protocol.Name} is enabled", $"{protocol.Name} accepted; it is deprecated (RFC 8996)");
        }

        foreach (var (strength, severity) in new[] { ("null", FindingSeverity.High), ("anonymous", FindingSeverity.High), ("weak", FindingSeverity.Medium), ("medium", FindingSeverity.Low) })
        {
            var ciphers = scan.Ciphers.Where(c => c.Strength == strength).Select(c => $"{c.Protocol} {c.Name}").Distinct().ToList();
            if (ciphers.Count > 0)
                yield return new Finding(asset, "tls.weak-cipher", severity, $"{ciphers.Count} {strength} cipher suites accepted", string.Join(", ", ciphers));
        }

        if (scan.HeartbleedVulnerable.Count > 0)
            yield return new Finding(asset, "tls.heartbleed", FindingSeverity.Critical, "Vulnerable to Heartbleed (CVE-2014-0160)", string.Join(", ", scan.HeartbleedVulnerable));
        if (scan.InsecureRenegotiation)
            yield return new Finding(asset, "tls.insecure-renegotiation", FindingSeverity.Medium, "Insecure TLS renegotiation is supported", "renegotiation supported without RFC 5746 secure renegotiation");

        if (scan.Certificate is not { } certificate) yield break;
        var subject = certificate.Subject ?? "(no subject)";
        if (certificate.Expired || certificate.NotAfter < now)
            yield return new Finding(asset, "tls.expired", FindingSeverity.High, "TLS certificate has expired", $"notAfter {Date(certificate.NotAfter)}, subject {subject}");
        else if (certificate.NotAfter is { } notAfter && notAfter - now < TimeSpan.FromDays(ExpiryWarningDays))
            yield return new Finding(asset, "tls.expiring", FindingSeverity.Medium, $"TLS certificate expires in {(int)(notAfter - now).TotalDays} days", $"notAfter {Date(notAfter)}, subject {subject}");
        if (certificate.SelfSigned)
            yield return new Finding(asset, "tls.self-signed", FindingSeverity.Medium, "TLS certificate is self-signed", $"subject = issuer = {subject}");
        if (certificate.KeyType == "RSA" && certificate.KeyBits < 2048)
            yield return new Finding(asset, "tls.weak-key", FindingSeverity.Medium, $"RSA key of {certificate.KeyBits} bits", $"subject {subject}");
    }

    private static string Date(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown";
}
