using NUnit.Framework;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShipSec.Contracts.Json;

namespace ShipSec.Flowchart.Tests.Compilation;

/// <summary>JSON values for test data, written with the contract options.</summary>
internal static class Json
{
    public static JsonElement Of(object? value) => JsonSerializer.SerializeToElement(value, ShipSecJson.Options);

    public static JsonElement Parse(string json) => JsonSerializer.Deserialize<JsonElement>(json);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, ShipSecJson.Options);

    /// <summary>Asserts two JSON texts are the same document (property order and number spelling aside).</summary>
    public static void AssertEquivalent(string expected, string actual)
    {
        var same = JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));
        Assert.That(same, Is.True, $"JSON differs.\nExpected: {Pretty(expected)}\nActual:   {Pretty(actual)}");
    }

    private static string Pretty(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
