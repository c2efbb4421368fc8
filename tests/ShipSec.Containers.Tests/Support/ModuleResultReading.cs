using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Modules;

namespace ShipSec.Containers.Tests.Support;

/// <summary>Typed reads of module outputs, the way a downstream node would see them.</summary>
public static class ModuleResultReading
{
    public static T Output<T>(this ModuleResult result, string port) =>
        result.Outputs[port].Deserialize<T>(ShipSecJson.Options) ?? throw new AssertionException($"output '{port}' is null");
}
