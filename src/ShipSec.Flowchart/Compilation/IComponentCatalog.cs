using System.Text.Json;
using ShipSec.Contracts.Components;

namespace ShipSec.Flowchart.Compilation;

/// <summary>The components the compiler may place in a workflow; the runtime adapts its module catalogue to it.</summary>
public interface IComponentCatalog
{
    /// <summary>The descriptor of <paramref name="componentId"/>, or null when no such component is installed.</summary>
    ComponentDescriptor? Find(string componentId);

    /// <summary>
    /// The ports of <paramref name="component"/> configured with <paramref name="parameters"/> (the entry point has one
    /// output per runtime input). Throws <see cref="PortResolutionException"/> when the parameters do not allow it.
    /// </summary>
    PortSet ResolvePorts(ComponentDescriptor component, IReadOnlyDictionary<string, JsonElement> parameters);
}
