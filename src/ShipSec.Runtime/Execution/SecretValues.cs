using System.Text.Json;
using ShipSec.Modules;

namespace ShipSec.Runtime.Execution;

/// <summary>Finds the secret strings an attempt received (secret-typed inputs and parameters), so they can be masked in its events.</summary>
public static class SecretValues
{
    public static IReadOnlyList<string> Of(IModule module, IReadOnlyDictionary<string, JsonElement> parameters,
        IReadOnlyDictionary<string, JsonElement> inputs)
    {
        var secretInputs = SafePorts(module, parameters)
            .Where(p => p.ConnectionType is { Kind: "primitive", Name: "secret" })
            .Select(p => p.Id);
        var secretParams = module.Descriptor.Parameters.Where(p => p.Type == "secret").Select(p => p.Id);

        return secretInputs.Select(id => inputs.GetValueOrDefault(id))
            .Concat(secretParams.Select(id => parameters.GetValueOrDefault(id)))
            .Where(v => v.ValueKind == JsonValueKind.String)
            .Select(v => v.GetString()!)
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static IReadOnlyList<Contracts.Components.PortDescriptor> SafePorts(IModule module, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        try
        {
            return module.ResolvePorts(parameters).Inputs;
        }
        catch (ModuleException)
        {
            return module.Descriptor.Inputs;
        }
    }
}
