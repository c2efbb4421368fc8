using System.Text.Json;
using ShipSec.Contracts.Graph;

namespace ShipSec.Flowchart.Inputs;

/// <summary>The wire names of <see cref="RuntimeInputType"/> and which JSON values each accepts (strictly: no coercion).</summary>
public static class RuntimeInputTypes
{
    private static readonly Dictionary<string, RuntimeInputType> ByName = new(StringComparer.Ordinal)
    {
        ["text"] = RuntimeInputType.Text,
        // ShipSec Studio writes "string" for text inputs in older graphs.
        ["string"] = RuntimeInputType.Text,
        ["number"] = RuntimeInputType.Number,
        ["boolean"] = RuntimeInputType.Boolean,
        ["json"] = RuntimeInputType.Json,
        ["array"] = RuntimeInputType.Array,
        ["file"] = RuntimeInputType.File,
        ["secret"] = RuntimeInputType.Secret,
    };

    /// <summary>The names a graph may use for an input type.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>Parses a type name as written in a graph (<c>text</c>, <c>number</c>, …; <c>string</c> means text).</summary>
    public static bool TryParse(string name, out RuntimeInputType type) => ByName.TryGetValue(name, out type);

    /// <summary>
    /// Whether <paramref name="value"/> is a value of <paramref name="type"/>: a string for text, a JSON number for
    /// number (never a numeric string), true/false for boolean, a JSON array for array, a non-empty string id for
    /// file and secret, anything for json.
    /// </summary>
    public static bool Accepts(RuntimeInputType type, JsonElement value) => type switch
    {
        RuntimeInputType.Text => value.ValueKind == JsonValueKind.String,
        RuntimeInputType.Number => value.ValueKind == JsonValueKind.Number,
        RuntimeInputType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        RuntimeInputType.Json => JsonValues.IsPresent(value),
        RuntimeInputType.Array => value.ValueKind == JsonValueKind.Array,
        RuntimeInputType.File or RuntimeInputType.Secret => value.ValueKind == JsonValueKind.String && value.GetString() != "",
        _ => false,
    };

    /// <summary>What <see cref="Accepts"/> expects, in words for an error message.</summary>
    public static string Expectation(RuntimeInputType type) => type switch
    {
        RuntimeInputType.Text => "a string",
        RuntimeInputType.Number => "a JSON number (not a string)",
        RuntimeInputType.Boolean => "true or false",
        RuntimeInputType.Json => "a JSON value",
        RuntimeInputType.Array => "a JSON array",
        RuntimeInputType.File => "a file id (the non-empty string returned by POST /api/v1/files/upload)",
        RuntimeInputType.Secret => "a secret id or name (a non-empty string)",
        _ => "a known input type",
    };
}
