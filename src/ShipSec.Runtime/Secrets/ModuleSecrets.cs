using System.Text.Json;
using ShipSec.Modules;

namespace ShipSec.Runtime.Secrets;

/// <summary>
/// The secret strings one attempt received according to its module's ports: values of secret-typed inputs and
/// parameters, and inputs named after a secret output (the entry point hands each runtime input on as the output of the same id).
/// </summary>
public static class ModuleSecrets
{
    public static IReadOnlyList<string> Of(IModule module, IReadOnlyDictionary<string, JsonElement> parameters,
        IReadOnlyDictionary<string, JsonElement> inputs)
    {
        var ports = PortsOf(module, parameters);
        var secretInputs = ports.Inputs.Concat(ports.Outputs).Where(SecretMask.IsSecret).Select(p => p.Id);
        var secretParams = module.Descriptor.Parameters.Where(p => p.Type == "secret").Select(p => p.Id);

        return secretInputs.Select(id => inputs.GetValueOrDefault(id))
            .Concat(secretParams.Select(id => parameters.GetValueOrDefault(id)))
            .Where(v => v.ValueKind == JsonValueKind.String)
            .Select(v => v.GetString()!)
            .ToList();
    }

    /// <summary>The module's ports for these parameters, or its descriptor's when they cannot be resolved.</summary>
    public static ResolvedPorts PortsOf(IModule module, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        try
        {
            return module.ResolvePorts(parameters);
        }
        catch (ModuleException)
        {
            return new ResolvedPorts(module.Descriptor.Inputs, module.Descriptor.Outputs);
        }
    }
}
