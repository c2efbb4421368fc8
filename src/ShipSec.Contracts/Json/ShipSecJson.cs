using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShipSec.Contracts.Json;

/// <summary>The one set of JSON options every contract is written and read with: camelCase, enums as their contract strings.</summary>
public static class ShipSecJson
{
    /// <summary>Shared options; do not mutate.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>Applies the contract conventions to an existing options object (used by the HTTP host).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        // Without a resolver MakeReadOnly throws; populate the reflection-based default one.
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
