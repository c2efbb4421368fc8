using System.Globalization;
using System.Text.Json;

namespace ShipSec.Activities.Core.Report;

/// <summary>One DNS record as listed in the report.</summary>
internal sealed record DnsRow(string Hostname, string Type, string Value, string Ttl);

/// <summary>One probed URL as listed in the report.</summary>
internal sealed record HttpRow(string Url, string Status, string Title, string Server, string TlsExpiry, string? Error);

/// <summary>One finding as listed in the report; equal rows are the same finding.</summary>
internal sealed record FindingRow(string Severity, string Title, string Asset, string Evidence, string Kind);

/// <summary>
/// What the report shows, read tolerantly from upstream outputs: a whole module output (wired with <c>__self__</c>)
/// or just its list port, so both <c>dns ← recon.dns.resolve</c> and <c>dns ← recon.dns.resolve.records</c> work. A finding
/// that arrives twice (a prober's whole output in <c>http</c> and its findings in <c>findings</c>) is listed once.
/// </summary>
internal sealed class ReportContent
{
    private static readonly string[] SeverityOrder = ["critical", "high", "medium", "low", "info"];

    private readonly HashSet<FindingRow> _listed = [];

    public List<DnsRow> DnsRecords { get; } = [];
    public List<string> Unresolved { get; } = [];
    public List<string> Resolved { get; } = [];
    public List<HttpRow> HttpServices { get; } = [];
    public List<FindingRow> Findings { get; } = [];
    public bool HasDns { get; private set; }
    public bool HasHttp { get; private set; }

    public void AddDns(JsonElement dns)
    {
        HasDns = true;
        var records = dns.ValueKind == JsonValueKind.Object ? Property(dns, "records") : dns;
        foreach (var record in Objects(records))
        {
            DnsRecords.Add(new DnsRow(
                Text(record, "hostname") ?? Text(record, "name") ?? "",
                Text(record, "type") ?? "",
                Text(record, "value") ?? "",
                Text(record, "ttl") ?? ""));
        }
        if (dns.ValueKind == JsonValueKind.Object)
        {
            Unresolved.AddRange(Strings(Property(dns, "unresolved")));
            Resolved.AddRange(Strings(Property(dns, "resolved")));
        }
    }

    public void AddHttp(JsonElement http)
    {
        HasHttp = true;
        var responses = http.ValueKind == JsonValueKind.Object ? Property(http, "responses") : http;
        foreach (var response in Objects(responses))
        {
            var tls = Property(response, "tls");
            var expiry = tls.ValueKind == JsonValueKind.Object && Text(tls, "notAfter") is { } notAfter
                ? $"{ShortDate(notAfter)} ({Text(tls, "daysUntilExpiry")} days)"
                : "";
            HttpServices.Add(new HttpRow(
                Text(response, "finalUrl") ?? Text(response, "url") ?? Text(response, "target") ?? "",
                Text(response, "status") ?? "",
                Text(response, "title") ?? "",
                Text(response, "server") ?? "",
                expiry,
                Text(response, "error")));
        }
        if (http.ValueKind == JsonValueKind.Object)
            AddFindings(Property(http, "findings"));
    }

    /// <summary>
    /// Adds the findings not listed yet. A finding is identified by all its fields, as the SDK's <c>Finding</c> record is: asset,
    /// kind and title alone are not enough, since one tool reports several matches of one check on one asset that differ only in
    /// their evidence (nuclei's matchers of one template).
    /// </summary>
    public void AddFindings(JsonElement findings)
    {
        foreach (var finding in Objects(findings))
        {
            var row = new FindingRow(
                (Text(finding, "severity") ?? "info").ToLowerInvariant(),
                Text(finding, "title") ?? Text(finding, "kind") ?? "Finding",
                Text(finding, "asset") ?? "",
                Text(finding, "evidence") ?? "",
                Text(finding, "kind") ?? "");
            if (_listed.Add(row)) Findings.Add(row);
        }
    }

    /// <summary>Findings, most severe first, then by asset.</summary>
    public IEnumerable<FindingRow> FindingsBySeverity() =>
        Findings.OrderBy(f => SeverityRank(f.Severity)).ThenBy(f => f.Asset, StringComparer.Ordinal);

    /// <summary>Counts per severity in severity order, e.g. <c>1 high, 2 low</c>.</summary>
    public string SeverityBreakdown() =>
        string.Join(", ", Findings.GroupBy(f => f.Severity).OrderBy(g => SeverityRank(g.Key)).Select(g => $"{g.Count()} {g.Key}"));

    private static int SeverityRank(string severity)
    {
        var index = Array.IndexOf(SeverityOrder, severity);
        return index < 0 ? SeverityOrder.Length : index;
    }

    private static string ShortDate(string timestamp) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : timestamp;

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static IEnumerable<JsonElement> Objects(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object) : [];

    private static IEnumerable<string> Strings(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
            : [];

    private static string? Text(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value => value.GetRawText(),
        _ => null,
    };
}
