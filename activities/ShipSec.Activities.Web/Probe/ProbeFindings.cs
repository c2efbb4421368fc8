using System.Globalization;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Web.Probe;

/// <summary>Turns probe responses into findings: certificate problems, missing HSTS, clear-text HTTP.</summary>
internal static class ProbeFindings
{
    /// <summary>A certificate expiring within this many days is reported.</summary>
    public const int ExpiryWarningDays = 30;

    public static IEnumerable<Finding> For(ProbeResponse response, bool hasHsts, DateTimeOffset now)
    {
        if (response.Status is null || response.FinalUrl is null) yield break;
        var final = new Uri(response.FinalUrl);

        if (response.Tls is { } tls)
        {
            var asset = $"{final.Host}:{final.Port}";
            if (tls.NotAfter < now)
                yield return new Finding(asset, "tls.expired", FindingSeverity.High, "TLS certificate has expired", $"notAfter {Date(tls.NotAfter)}, subject {tls.Subject}");
            else if (tls.DaysUntilExpiry < ExpiryWarningDays)
                yield return new Finding(asset, "tls.expiring", FindingSeverity.Medium, $"TLS certificate expires in {tls.DaysUntilExpiry} days", $"notAfter {Date(tls.NotAfter)}, subject {tls.Subject}");
            if (tls.NotBefore > now)
                yield return new Finding(asset, "tls.not-yet-valid", FindingSeverity.Medium, "TLS certificate is not valid yet", $"notBefore {Date(tls.NotBefore)}");
            if (tls.SelfSigned)
                yield return new Finding(asset, "tls.self-signed", FindingSeverity.Medium, "TLS certificate is self-signed", $"subject = issuer = {tls.Subject}");
            if (tls.ValidationErrors.Contains("RemoteCertificateNameMismatch"))
                yield return new Finding(asset, "tls.name-mismatch", FindingSeverity.Medium, "TLS certificate does not match the host name", $"host {final.Host}, subject {tls.Subject}");
        }

        if (final.Scheme == Uri.UriSchemeHttps && !hasHsts)
            yield return new Finding(response.FinalUrl, "http.hsts-missing", FindingSeverity.Low, "Strict-Transport-Security header is missing", $"no HSTS header on {response.Status} response");
        if (final.Scheme == Uri.UriSchemeHttp)
            yield return new Finding(response.FinalUrl, "http.cleartext", FindingSeverity.Info, "Service answers over clear-text HTTP", $"{response.Status} without redirect to https");
    }

    private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
