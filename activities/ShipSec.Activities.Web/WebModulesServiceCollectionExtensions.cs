using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShipSec.Activities.Web.ContentDiscovery;
using ShipSec.Activities.Web.Httpx;
using ShipSec.Activities.Web.Probe;
using ShipSec.Activities.Web.Wafw00f;
using ShipSec.Activities.Web.WhatWeb;
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

    /// <summary>
    /// Adds the web modules that run tools in containers: <c>web.whatweb</c>, <c>web.wafw00f</c>, <c>web.content.discovery</c> and
    /// <c>web.httpx</c> (they need a container runner, see <c>AddDockerRunner</c>).
    /// </summary>
    public static IServiceCollection AddWebContainerModules(this IServiceCollection services) =>
        services.AddModule<WhatWebModule>()
            .AddModule<Wafw00fModule>()
            .AddModule<ContentDiscoveryModule>()
            .AddModule<HttpxModule>();
}
