using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Modules;

namespace ShipSec.Activities.Tests.Support;

/// <summary>Reading module outputs in tests.</summary>
public static class ModuleResultExtensions
{
    /// <summary>The output <paramref name="port"/> deserialised to <typeparamref name="T"/>; fails the test when the port is missing.</summary>
    public static T Output<T>(this ModuleResult result, string port)
    {
        Assert.That(result.Outputs, Does.ContainKey(port), $"output '{port}' missing");
        return result.Outputs[port].Deserialize<T>(ShipSecJson.Options)!;
    }

    /// <summary>All outputs as one JSON object, the way a <c>__self__</c> data edge passes them on.</summary>
    public static JsonElement AsWholeOutput(this ModuleResult result) =>
        JsonSerializer.SerializeToElement(result.Outputs, ShipSecJson.Options);
}
