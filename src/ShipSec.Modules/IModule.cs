using System.Text.Json;
using ShipSec.Contracts.Components;

namespace ShipSec.Modules;

/// <summary>A security or utility module: it describes itself and executes one node attempt through a <see cref="ModuleContext"/>.</summary>
public interface IModule
{
    /// <summary>The module's descriptor (id, ports, parameters, runner).</summary>
    ComponentDescriptor Descriptor { get; }

    /// <summary>
    /// The ports for a given parameter set; most modules return the descriptor's, modules with dynamic
    /// ports (the entry point's one output per runtime input) compute them.
    /// </summary>
    ResolvedPorts ResolvePorts(IReadOnlyDictionary<string, JsonElement> parameters) =>
        new(Descriptor.Inputs, Descriptor.Outputs);

    /// <summary>Runs one attempt. Throw <see cref="ModuleException"/> for failures the user should see; honour <see cref="ModuleContext.CancellationToken"/>.</summary>
    Task<ModuleResult> ExecuteAsync(ModuleContext context);
}

/// <summary>The input and output ports of a module for one parameter set.</summary>
public sealed record ResolvedPorts(IReadOnlyList<PortDescriptor> Inputs, IReadOnlyList<PortDescriptor> Outputs);

/// <summary>What a module attempt produced: outputs by port id, and for branching modules the ports to follow.</summary>
public sealed record ModuleResult(IReadOnlyDictionary<string, JsonElement> Outputs, IReadOnlyList<string>? ActivatedPorts = null)
{
    /// <summary>Builds a result from plain values, serialised with the contract JSON options.</summary>
    public static ModuleResult From(IReadOnlyDictionary<string, object?> outputs, IReadOnlyList<string>? activatedPorts = null) =>
        new(outputs.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value, Contracts.Json.ShipSecJson.Options)), activatedPorts);
}
