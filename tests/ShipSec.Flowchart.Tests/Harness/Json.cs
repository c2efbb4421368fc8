using System.Text.Json;
using ShipSec.Contracts.Json;

namespace ShipSec.Flowchart.Tests.Harness;

/// <summary>Short ways to write JSON values in tests.</summary>
public static class Json
{
    public static JsonElement Of(object? value) => JsonSerializer.SerializeToElement(value, ShipSecJson.Options);

    /// <summary>A name → value map from an anonymous object's properties.</summary>
    public static Dictionary<string, JsonElement> Map(object values) =>
        Of(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
}
