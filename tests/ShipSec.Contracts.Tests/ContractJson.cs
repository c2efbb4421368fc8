using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Contracts.Json;

namespace ShipSec.Contracts.Tests;

/// <summary>Reads and writes contracts with <see cref="ShipSecJson.Options"/> and compares JSON documents semantically.</summary>
internal static class ContractJson
{
    /// <summary>Reads <paramref name="json"/> as <typeparamref name="T"/>, writes it back and asserts nothing was lost or changed.</summary>
    public static T RoundTrip<T>(string json)
    {
        var value = JsonSerializer.Deserialize<T>(json, ShipSecJson.Options);
        Assert.That(value, Is.Not.Null);
        AssertEquivalent(json, JsonSerializer.Serialize(value, ShipSecJson.Options));
        return value!;
    }

    /// <summary>The JSON string a single value is written as (for enums: its contract spelling).</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, ShipSecJson.Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, ShipSecJson.Options)!;

    public static void AssertEquivalent(string expected, string actual)
    {
        var same = JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));
        Assert.That(same, Is.True, $"JSON differs.\nExpected: {Pretty(expected)}\nActual:   {Pretty(actual)}");
    }

    private static string Pretty(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
