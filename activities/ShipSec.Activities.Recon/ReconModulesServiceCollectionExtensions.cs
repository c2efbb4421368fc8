using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Recon.Dig;
using ShipSec.Activities.Recon.Dns;
using ShipSec.Activities.Recon.Dnsx;
using ShipSec.Activities.Recon.Subfinder;
using ShipSec.Modules;

namespace ShipSec.Activities.Recon;

/// <summary>Registers the reconnaissance modules.</summary>
public static class ReconModulesServiceCollectionExtensions
{
    /// <summary>Adds <c>recon.dns.resolve</c>.</summary>
    public static IServiceCollection AddReconModules(this IServiceCollection services) =>
        services.AddModule<DnsResolveModule>();

    /// <summary>
    /// Adds the reconnaissance modules that run tools in containers: <c>recon.dig</c>, <c>recon.subfinder</c> and <c>recon.dnsx</c>
    /// (they need a container runner, see <c>AddDockerRunner</c>).
    /// </summary>
    public static IServiceCollection AddReconContainerModules(this IServiceCollection services) =>
        services.AddModule<DigModule>()
            .AddModule<SubfinderModule>()
            .AddModule<DnsxModule>();
}
