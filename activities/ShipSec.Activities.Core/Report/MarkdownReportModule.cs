using System.Globalization;
using System.Text;
using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Core.Report;

/// <summary>
/// <c>core.report.markdown</c>: writes a readable markdown report (summary, findings, DNS records, HTTP services,
/// any other data) from upstream outputs, stores it as the artifact <c>report.md</c> and outputs its text.
/// </summary>
public sealed class MarkdownReportModule(TimeProvider clock) : IModule
{
    /// <summary>Name of the artifact the report is stored as.</summary>
    public const string ArtifactName = "report.md";

    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("core.report.markdown", "Markdown report")
        .Category("report")
        .Description(
            "Writes a markdown report from upstream results and stores it as the artifact report.md. " +
            "Wire a DNS resolver's output (whole, or its records) into 'dns', an HTTP prober's output (whole, or its responses) into 'http', " +
            "extra findings into 'findings', and anything else into 'data' (shown as tables or JSON).")
        .Input("title", "Title", ConnectionType.Text, description: "Report title; overrides the title parameter when connected.")
        .Input("dns", "DNS results", ConnectionType.Any, description: "recon.dns.resolve output, or a list of {hostname, type, value, ttl}.")
        .Input("http", "HTTP results", ConnectionType.Any, description: "web.http.probe output, or a list of probe responses.")
        .Input("findings", "Findings", ConnectionType.ListOf(ConnectionType.Any), description: "Findings {asset, kind, severity, title, evidence}; one that also arrives through 'http' is listed once.")
        .Input("data", "Other data", ConnectionType.Any, description: "Any other value; objects become one section per property.")
        .Output("markdown", "Markdown", ConnectionType.Text)
        .Output("artifactId", "Artifact id", ConnectionType.Text)
        .TextParameter("title", "Title", "Security report")
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var title = context.InputOrParam<string>("title");
        if (string.IsNullOrWhiteSpace(title)) title = "Security report";

        var content = new ReportContent();
        if (Present(context, "dns") is { } dns) content.AddDns(dns);
        if (Present(context, "http") is { } http) content.AddHttp(http);
        if (Present(context, "findings") is { } findings) content.AddFindings(findings);
        var data = Present(context, "data");

        var markdown = Render(title, context.RunId, content, data);
        context.Log($"report: {content.DnsRecords.Count} DNS records, {content.HttpServices.Count} HTTP services, {content.Findings.Count} findings");

        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(markdown));
        var artifact = await context.EmitArtifact(ArtifactName, "text/markdown", stream);
        return ModuleResult.From(new Dictionary<string, object?> { ["markdown"] = markdown, ["artifactId"] = artifact.ArtifactId });
    }

    private string Render(string title, string runId, ReportContent content, JsonElement? data)
    {
        var md = new MarkdownWriter()
            .Heading(1, MarkdownWriter.Inline(title))
            .Paragraph($"Run {MarkdownWriter.Code(runId)}, generated {clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC.");

        md.Heading(2, "Summary").Table(["Item", "Count"], SummaryRows(content));

        md.Heading(2, "Findings");
        if (content.Findings.Count == 0)
            md.Paragraph("No findings.");
        else
            md.Bullets(content.FindingsBySeverity().Select(f =>
                $"**{f.Severity.ToUpperInvariant()}** {MarkdownWriter.Code(f.Asset)}: {MarkdownWriter.Inline(f.Title)}"
                + (f.Evidence.Length > 0 ? $" ({MarkdownWriter.Inline(f.Evidence)})" : "")));

        if (content.HasDns)
        {
            md.Heading(2, "DNS records");
            if (content.DnsRecords.Count == 0)
                md.Paragraph("No records.");
            else
                md.Table(["Hostname", "Type", "Value", "TTL"], content.DnsRecords.Select(r =>
                    (IReadOnlyList<string>)[MarkdownWriter.Code(r.Hostname), r.Type, MarkdownWriter.Code(r.Value), r.Ttl]));
            if (content.Unresolved.Count > 0)
                md.Paragraph($"Unresolved: {string.Join(", ", content.Unresolved.Select(MarkdownWriter.Code))}");
        }

        if (content.HasHttp)
        {
            md.Heading(2, "HTTP services");
            var answered = content.HttpServices.Where(s => s.Error is null).ToList();
            if (answered.Count == 0)
                md.Paragraph("No service answered.");
            else
                md.Table(["URL", "Status", "Title", "Server", "TLS expires"], answered.Select(s =>
                    (IReadOnlyList<string>)[MarkdownWriter.Code(s.Url), s.Status, MarkdownWriter.Inline(s.Title), MarkdownWriter.Inline(s.Server), s.TlsExpiry]));
            var failed = content.HttpServices.Where(s => s.Error is not null).ToList();
            if (failed.Count > 0)
                md.Paragraph("Did not answer:").Bullets(failed.Select(s => $"{MarkdownWriter.Code(s.Url)}: {MarkdownWriter.Inline(s.Error!)}"));
        }

        if (data is { } value)
        {
            md.Heading(2, "Data");
            RenderData(md, value, 3);
        }
        return md.ToString();
    }

    private static IEnumerable<IReadOnlyList<string>> SummaryRows(ReportContent content)
    {
        if (content.HasDns)
        {
            var hostnames = content.Resolved.Count + content.Unresolved.Count;
            yield return ["Hostnames resolved", hostnames > 0 ? $"{content.Resolved.Count} of {hostnames}" : "0"];
            yield return ["DNS records", content.DnsRecords.Count.ToString(CultureInfo.InvariantCulture)];
        }
        if (content.HasHttp)
        {
            yield return ["URLs probed", content.HttpServices.Count.ToString(CultureInfo.InvariantCulture)];
            yield return ["Services answering", content.HttpServices.Count(s => s.Error is null).ToString(CultureInfo.InvariantCulture)];
        }
        var breakdown = content.Findings.Count > 0 ? $" ({content.SeverityBreakdown()})" : "";
        yield return ["Findings", $"{content.Findings.Count}{breakdown}"];
    }

    /// <summary>Objects become one section per property, lists of objects tables, lists of values bullets, the rest JSON.</summary>
    private static void RenderData(MarkdownWriter md, JsonElement value, int level)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when level <= 4:
                foreach (var property in value.EnumerateObject())
                {
                    md.Heading(level, MarkdownWriter.Inline(property.Name));
                    RenderData(md, property.Value, level + 1);
                }
                break;
            case JsonValueKind.Array when value.GetArrayLength() == 0:
                md.Paragraph("None.");
                break;
            case JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object):
                var columns = value.EnumerateArray().SelectMany(e => e.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
                md.Table(columns.Select(MarkdownWriter.Inline).ToList(), value.EnumerateArray().Select(row =>
                    (IReadOnlyList<string>)columns.Select(c => row.TryGetProperty(c, out var cell) ? CellText(cell) : "").ToList()));
                break;
            case JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is not JsonValueKind.Object and not JsonValueKind.Array):
                md.Bullets(value.EnumerateArray().Select(CellText));
                break;
            case JsonValueKind.String:
                md.Paragraph(MarkdownWriter.Inline(value.GetString()!));
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                md.Paragraph(value.GetRawText());
                break;
            default:
                md.Json(value);
                break;
        }
    }

    private static string CellText(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => MarkdownWriter.Inline(cell.GetString()!),
        JsonValueKind.Null => "",
        JsonValueKind.Object or JsonValueKind.Array => MarkdownWriter.Code(JsonSerializer.Serialize(cell)),
        _ => cell.GetRawText(),
    };

    private static JsonElement? Present(ModuleContext context, string input) =>
        context.Inputs.TryGetValue(input, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined ? value : null;
}
