using ShipSec.Contracts.Components;

namespace ShipSec.Modules;

/// <summary>All modules known to this process, by component id.</summary>
public sealed class ModuleCatalog
{
    private readonly Dictionary<string, IModule> _modules;

    public ModuleCatalog(IEnumerable<IModule> modules)
    {
        _modules = new(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (!_modules.TryAdd(module.Descriptor.Id, module))
                throw new InvalidOperationException($"Two modules declare the component id '{module.Descriptor.Id}'.");
        }
    }

    public IModule? Find(string componentId) => _modules.GetValueOrDefault(componentId);

    public IEnumerable<ComponentDescriptor> Descriptors => _modules.Values.Select(m => m.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.Id);
}
