using System.Net;
using System.Net.Sockets;

namespace ShipSec.Activities.Web.Probe;

/// <summary>A target and the URLs to try for it: a URL as given, or for a bare host[:port] https first, then http.</summary>
internal sealed record ProbeTarget(string Text, IReadOnlyList<Uri> Candidates, string? Problem)
{
    public static ProbeTarget Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Contains("://", StringComparison.Ordinal))
        {
            return Uri.TryCreate(trimmed, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? new ProbeTarget(text, [url], null)
                : new ProbeTarget(text, [], $"'{text}' is not an http or https URL");
        }

        // A bare IPv6 address needs brackets before a scheme can be put in front of it.
        var host = IPAddress.TryParse(trimmed, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{trimmed}]" : trimmed;
        if (Uri.TryCreate($"https://{host}", UriKind.Absolute, out var https) && Uri.TryCreate($"http://{host}", UriKind.Absolute, out var http) && https.Host.Length > 0)
            return new ProbeTarget(text, [https, http], null);
        return new ProbeTarget(text, [], $"'{text}' is neither a URL nor a host[:port]");
    }
}
