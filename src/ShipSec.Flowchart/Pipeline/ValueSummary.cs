using System.Text.Json;
using ShipSec.Contracts.Json;

namespace ShipSec.Flowchart.Pipeline;

/// <summary>Short descriptions of input / output values for trace events: scalars as is (text truncated), collections by size.</summary>
public static class ValueSummary
{
    /// <summary>Longest text kept in a summary.</summary>
    public const int MaxTextLength = 80;
    /// <summary>Most keys described; the rest are counted.</summary>
    public const int MaxKeys = 20;

    /// <summary>Summarises a set of named values as a JSON object of the same keys.</summary>
    public static JsonElement Of(IReadOnlyDictionary<string, JsonElement> values)
    {
        var summary = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values.Take(MaxKeys))
            summary[name] = Describe(value);
        if (values.Count > MaxKeys)
            summary["…"] = $"{values.Count - MaxKeys} more";
        return JsonSerializer.SerializeToElement(summary, ShipSecJson.Options);
    }

    private static object? Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Truncate(value.GetString()!),
        JsonValueKind.Array => $"array[{value.GetArrayLength()}]",
        JsonValueKind.Object => $"object{{{value.EnumerateObject().Count()} keys}}",
        _ => value,
    };

    private static string Truncate(string text) =>
        text.Length <= MaxTextLength ? text : $"{text[..MaxTextLength]}… ({text.Length} chars)";
}
