using System.Text.Json;

namespace ShipSec.Flowchart.Inputs;

/// <summary>Small facts about JSON values shared by the compiler's and the run-input checks.</summary>
internal static class JsonValues
{
    /// <summary>False for JSON null and for a default (undefined) element: both mean "not set".</summary>
    public static bool IsPresent(JsonElement value) =>
        value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined;

    /// <summary>The kind of a value in words, for messages that must not echo the value itself (it may be a secret).</summary>
    public static string DescribeKind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
