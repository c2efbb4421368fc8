using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Flowchart.Compilation;
using ShipSec.Modules;

namespace ShipSec.Runtime.Workflows;

/// <summary>Lets the compiler see the installed modules: descriptors, and ports resolved by each module for a parameter set.</summary>
public sealed class ModuleComponentCatalog(ModuleCatalog modules) : IComponentCatalog
{
    public ComponentDescriptor? Find(string componentId) => modules.Find(componentId)?.Descriptor;

    public PortSet ResolvePorts(ComponentDescriptor component, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        var module = modules.Find(component.Id)
            ?? throw new PortResolutionException($"Component '{component.Id}' is not installed.");
        try
        {
            var ports = module.ResolvePorts(parameters);
            return new PortSet(ports.Inputs, ports.Outputs);
        }
        catch (ModuleException e)
        {
            throw new PortResolutionException(e.Message, inner: e);
        }
        catch (JsonException e)
        {
            throw new PortResolutionException($"The parameters of '{component.Id}' are malformed: {e.Message}", inner: e);
        }
    }
}
