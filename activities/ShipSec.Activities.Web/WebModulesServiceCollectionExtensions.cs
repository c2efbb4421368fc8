using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShipSec.Activities.Web.Probe;
using ShipSec.Modules;

namespace ShipSec.Activities.Web;

/// <summary>Registers the web modules.</summary>
public static class WebModulesServiceCollectionExtensions
{
    /// <summary>Adds <c>web.http.probe</c>; <paramref name="configure"/> adjusts the prober's process-wide options (user agent, handler).</summary>
    public static IServiceCollection AddWebModules(this IServiceCollection services, Action<HttpProbeOptions>? configure = null)
    {
        var options = new HttpProbeOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        return services.AddModule<HttpProbeModule>();
    }
}
