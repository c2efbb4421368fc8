using System.Text.Json;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Vuln.Nuclei;

/// <summary>One template match nuclei reported.</summary>
public sealed record NucleiMatch(
    string TemplateId, string Name, string Severity, string Host, string MatchedAt, string? Type, string? MatcherName,
    IReadOnlyList<string> ExtractedResults, IReadOnlyList<string> Tags, string? Description, IReadOnlyList<string> References);

/// <summary>nuclei's periodic statistics: requests done out of the total, and matches so far.</summary>
public sealed record NucleiStats(long Requests, long Total, int Percent, long Matched);

/// <summary>Reads nuclei's output: match lines of <c>-jsonl</c> (kebab-case keys, details under <c>info</c>) and <c>-stats -sj</c> lines.</summary>
public static class NucleiJsonl
{
    public static IReadOnlyList<NucleiMatch> Parse(IEnumerable<JsonElement> lines) =>
    [
        .. lines.Where(l => l.String("template-id") is not null).Select(l =>
        {
            var info = l.Object("info");
            return new NucleiMatch(
                l.String("template-id")!,
                info?.String("name") ?? l.String("template-id")!,
                FindingSeverity.Normalize(info?.String("severity")),
                l.String("host") ?? "",
                l.String("matched-at") ?? l.String("matched") ?? l.String("host") ?? "",
                l.String("type"),
                l.String("matcher-name"),
                l.Strings("extracted-results"),
                info is { } i ? i.Strings("tags") : [],
                info?.String("description")?.Trim(),
                info is { } r ? r.Strings("reference") : []);
        }),
    ];

    /// <summary>The statistics of a <c>-stats -sj</c> line (<c>{"percent":"12","requests":"120","total":"1000","matched":"0",…}</c>), or null.</summary>
    public static NucleiStats? Stats(string line)
    {
        if (!line.StartsWith('{') || !line.Contains("\"percent\"", StringComparison.Ordinal)) return null;
        var element = JsonLines.Parse([line], out _).FirstOrDefault();
        if (element.ValueKind != JsonValueKind.Object || element.Integer("percent") is not { } percent) return null;
        return new NucleiStats(element.Integer("requests") ?? 0, element.Integer("total") ?? 0, (int)Math.Clamp(percent, 0, 100), element.Integer("matched") ?? 0);
    }

    public static Finding Finding(NucleiMatch match) => new(
        match.MatchedAt.Length > 0 ? match.MatchedAt : match.Host,
        $"vuln.nuclei.{match.TemplateId}",
        match.Severity,
        match.Name,
        string.Join("; ", new[]
        {
            $"template {match.TemplateId}",
            match.MatcherName is null ? null : $"matcher {match.MatcherName}",
            match.ExtractedResults.Count == 0 ? null : "extracted " + string.Join(", ", match.ExtractedResults),
        }.Where(s => s is not null)));

    /// <summary>Counts by severity, highest first, e.g. <c>{critical: 0, high: 1, …}</c>.</summary>
    public static IReadOnlyDictionary<string, int> CountBySeverity(IEnumerable<NucleiMatch> matches)
    {
        var counts = new[] { FindingSeverity.Critical, FindingSeverity.High, FindingSeverity.Medium, FindingSeverity.Low, FindingSeverity.Info }
            .ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var match in matches) counts[match.Severity]++;
        return counts;
    }
}
