using System.Text.Encodings.Web;
using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Pipeline;

namespace ShipSec.Runtime.Secrets;

/// <summary>Replaces known secret values by <c>***</c> in text and inside JSON values.</summary>
public sealed class SecretMask
{
    public const string Mask = "***";

    private readonly string[] _patterns;

    public SecretMask(IEnumerable<string> secrets)
    {
        // Value summaries keep only the start of long text, so that start is masked too.
        _patterns = secrets
            .Where(s => s.Length > 0)
            .SelectMany(s => s.Length > ValueSummary.MaxTextLength ? [s, s[..ValueSummary.MaxTextLength]] : new[] { s })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>True when values of the port are secrets.</summary>
    public static bool IsSecret(PortDescriptor port) => port.ConnectionType is { Kind: "primitive", Name: "secret" };

    public string Text(string text)
    {
        foreach (var pattern in _patterns) text = text.Replace(pattern, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>The event with secrets masked in its message and data.</summary>
    public TraceEvent Event(TraceEvent traceEvent) => IsEmpty ? traceEvent : traceEvent with
    {
        Message = traceEvent.Message is null ? null : Text(traceEvent.Message),
        Data = traceEvent.Data is { } data ? Json(data) : null,
    };

    public JsonElement Json(JsonElement value)
    {
        if (IsEmpty) return value;
        var raw = value.GetRawText();
        var masked = raw;
        foreach (var pattern in _patterns)
        {
            // A secret appears in JSON text as written or with the serializer's escaping.
            masked = masked.Replace(JsonEncodedText.Encode(pattern, JavaScriptEncoder.Default).Value, Mask, StringComparison.Ordinal)
                .Replace(JsonEncodedText.Encode(pattern, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value, Mask, StringComparison.Ordinal);
        }
        return masked == raw ? value : JsonDocument.Parse(masked).RootElement.Clone();
    }
}
