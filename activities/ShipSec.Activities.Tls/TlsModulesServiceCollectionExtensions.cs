using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShipSec.Activities.Tls.Sslscan;
using ShipSec.Modules;

namespace ShipSec.Activities.Tls;

/// <summary>Registers the TLS modules.</summary>
public static class TlsModulesServiceCollectionExtensions
{
    /// <summary>Adds <c>tls.sslscan</c>; it runs in a container (see <c>AddDockerRunner</c>).</summary>
    public static IServiceCollection AddTlsModules(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services.AddModule<SslscanModule>();
    }
}
