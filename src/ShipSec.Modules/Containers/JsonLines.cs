using System.Globalization;
using System.Text.Json;

namespace ShipSec.Modules.Containers;

/// <summary>
/// Reads tools' JSON output (the ProjectDiscovery tools' <c>-json</c> / <c>-jsonl</c> lines, snake- or kebab-case keys) as
/// <see cref="JsonElement"/>s, with lenient accessors: a missing or differently typed field reads as null, never throws.
/// </summary>
public static class JsonLines
{
    /// <summary>Each line of <paramref name="lines"/> that holds a JSON object; lines that do not parse are counted in <paramref name="skipped"/>.</summary>
    public static List<JsonElement> Parse(IEnumerable<string> lines, out int skipped)
    {
        var items = new List<JsonElement>();
        skipped = 0;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object) items.Add(document.RootElement.Clone());
                else skipped++;
            }
            catch (JsonException)
            {
                skipped++;
            }
        }
        return items;
    }

    /// <summary>The objects of an output file; none when the tool did not write it (nothing found).</summary>
    public static List<JsonElement> Parse(ContainerOutputFile? file, out int skipped)
    {
        skipped = 0;
        return file is null ? [] : Parse(file.ReadLines(), out skipped);
    }

    /// <summary>A string field, or a number / boolean field as its text; null when absent.</summary>
    public static string? String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>An integer field, also when the tool wrote it as a string; null when absent or not a number.</summary>
    public static long? Integer(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt64(out var number) => number,
                JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            }
            : null;

    /// <summary>A boolean field (also <c>"true"</c>); null when absent.</summary>
    public static bool? Boolean(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
                _ => null,
            }
            : null;

    /// <summary>A list of strings; a lone string is a one-item list; empty when absent.</summary>
    public static List<string> Strings(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return [];
        return value.ValueKind switch
        {
            JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
            JsonValueKind.String => [value.GetString()!],
            _ => [],
        };
    }

    /// <summary>A nested object, or null.</summary>
    public static JsonElement? Object(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
