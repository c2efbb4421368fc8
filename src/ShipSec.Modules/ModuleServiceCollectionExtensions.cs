using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ShipSec.Modules;

/// <summary>Registration of modules in a service collection, used by each activities project's <c>AddXxxModules()</c>.</summary>
public static class ModuleServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="TModule"/> as a singleton <see cref="IModule"/>; registering the same type twice is a no-op.</summary>
    public static IServiceCollection AddModule<TModule>(this IServiceCollection services) where TModule : class, IModule
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModule, TModule>());
        return services;
    }
}
