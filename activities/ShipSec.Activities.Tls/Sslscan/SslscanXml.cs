using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using ShipSec.Modules;

namespace ShipSec.Activities.Tls.Sslscan;

/// <summary>Reads sslscan's XML report (<c>--xml=</c>): one <c>ssltest</c> per endpoint, plus the errors it reported.</summary>
public static partial class SslscanXml
{
    /// <summary>The endpoints scanned and the errors (unreachable targets) of a report.</summary>
    public static (IReadOnlyList<TlsScan> Scans, IReadOnlyList<string> Errors) Parse(Stream xml)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException exception)
        {
            throw new ModuleException(ModuleErrorKind.Container, $"sslscan wrote an unreadable XML report: {exception.Message}");
        }
        if (document.Root?.Name != "document")
            throw new ModuleException(ModuleErrorKind.Container, "sslscan's report has no <document> root.");

        var scans = document.Root.Elements("ssltest").Select(Scan).ToList();
        var errors = document.Root.Elements("error").Select(e => e.Value.Trim())
            // sslscan 2.0.x appends this after reading the last line of every --targets file; it is not an error.
            .Where(e => e.Length > 0 && !e.StartsWith("Targets file ", StringComparison.Ordinal))
            .ToList();
        return (scans, errors);
    }

    private static TlsScan Scan(XElement test) => new(
        (string?)test.Attribute("host") ?? "",
        (int?)test.Attribute("port") ?? 443,
        (string?)test.Attribute("sniname"),
        [.. test.Elements("protocol").Select(p => new TlsProtocol(ProtocolName((string?)p.Attribute("type"), (string?)p.Attribute("version")), (string?)p.Attribute("enabled") == "1"))],
        [.. test.Elements("cipher").Select(c => new TlsCipher(
            (string?)c.Attribute("sslversion") ?? "",
            (string?)c.Attribute("cipher") ?? "",
            (int?)c.Attribute("bits") ?? 0,
            (string?)c.Attribute("strength") ?? "unknown",
            (string?)c.Attribute("status") == "preferred"))],
        Certificate(test.Element("certificates")?.Elements("certificate").FirstOrDefault(c => (string?)c.Attribute("type") == "short")),
        [.. test.Elements("heartbleed").Where(h => (string?)h.Attribute("vulnerable") == "1").Select(h => (string?)h.Attribute("sslversion") ?? "")],
        test.Elements("renegotiation").Any(r => (string?)r.Attribute("supported") == "1" && (string?)r.Attribute("secure") != "1"));

    private static TlsCertificate? Certificate(XElement? certificate)
    {
        if (certificate is null) return null;
        var key = certificate.Element("pk");
        return new TlsCertificate(
            Text(certificate.Element("subject")),
            Text(certificate.Element("issuer")),
            Text(certificate.Element("self-signed")) == "true",
            Date(Text(certificate.Element("not-valid-before"))),
            Date(Text(certificate.Element("not-valid-after"))),
            Text(certificate.Element("expired")) == "true",
            Text(certificate.Element("signature-algorithm")),
            (string?)key?.Attribute("type"),
            (int?)key?.Attribute("bits"));
    }

    private static string ProtocolName(string? type, string? version) => (type, version) switch
    {
        ("ssl", { } v) => $"SSLv{v}",
        ("tls", { } v) => $"TLSv{v}",
        _ => $"{type}{version}",
    };

    private static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;

    // OpenSSL's format: "Nov 25 19:14:33 2026 GMT", with a space-padded day ("Nov  5 …").
    private static DateTimeOffset? Date(string? text) =>
        text is not null && DateTime.TryParseExact(Spaces().Replace(text, " "), "MMM d HH:mm:ss yyyy 'GMT'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
