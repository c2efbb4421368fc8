using System.Globalization;
using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Contracts.Graph;

namespace ShipSec.Activities.Core.Entrypoint;

/// <summary>The port type of each runtime input type, and the lenient coercion of given values to it (form fields and webhooks send text).</summary>
internal static class RuntimeInputValue
{
    public static ConnectionType ConnectionTypeOf(RuntimeInputType type) => type switch
    {
        RuntimeInputType.Text => ConnectionType.Text,
        RuntimeInputType.Number => ConnectionType.Number,
        RuntimeInputType.Boolean => ConnectionType.Boolean,
        RuntimeInputType.Json => ConnectionType.Json,
        RuntimeInputType.Array => ConnectionType.ListOf(ConnectionType.Any),
        RuntimeInputType.File => ConnectionType.File,
        RuntimeInputType.Secret => ConnectionType.Secret,
        _ => ConnectionType.Any,
    };

    /// <summary>Converts <paramref name="value"/> to <paramref name="type"/>; on failure <paramref name="expected"/> says what was wanted.</summary>
    public static bool TryCoerce(RuntimeInputType type, JsonElement value, out JsonElement coerced, out string expected)
    {
        coerced = value;
        expected = "";
        switch (type)
        {
            case RuntimeInputType.Text:
                expected = "text";
                if (value.ValueKind == JsonValueKind.String) return true;
                if (value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    coerced = JsonSerializer.SerializeToElement(value.GetRawText());
                    return true;
                }
                return false;

            case RuntimeInputType.Number:
                expected = "a number";
                if (value.ValueKind == JsonValueKind.Number) return true;
                if (value.ValueKind == JsonValueKind.String
                    && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    && double.IsFinite(number))
                {
                    coerced = JsonSerializer.SerializeToElement(number);
                    return true;
                }
                return false;

            case RuntimeInputType.Boolean:
                expected = "true or false";
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return true;
                if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString()!.Trim(), out var flag))
                {
                    coerced = JsonSerializer.SerializeToElement(flag);
                    return true;
                }
                return false;

            case RuntimeInputType.Json:
                expected = "JSON";
                if (value.ValueKind == JsonValueKind.String && TryParseStructured(value.GetString()!, out var parsed))
                    coerced = parsed;
                return true;

            case RuntimeInputType.Array:
                expected = "an array (a JSON array, or text with one item per line)";
                if (value.ValueKind == JsonValueKind.Array) return true;
                if (value.ValueKind != JsonValueKind.String) return false;
                var text = value.GetString()!;
                if (TryParseStructured(text, out var array))
                {
                    if (array.ValueKind != JsonValueKind.Array) return false;
                    coerced = array;
                    return true;
                }
                coerced = JsonSerializer.SerializeToElement(
                    text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToArray());
                return true;

            case RuntimeInputType.File:
                expected = "a file id or file object";
                return value.ValueKind is JsonValueKind.String or JsonValueKind.Object;

            case RuntimeInputType.Secret:
                expected = "a secret value or reference (text)";
                return value.ValueKind == JsonValueKind.String;

            default:
                expected = type.ToString();
                return false;
        }
    }

    private static bool TryParseStructured(string text, out JsonElement parsed)
    {
        parsed = default;
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '[' && trimmed[0] != '{')) return false;
        try
        {
            using var document = JsonDocument.Parse(text);
            parsed = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
