using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Recon.Dns;
using ShipSec.Modules;

namespace ShipSec.Activities.Recon;

/// <summary>Registers the reconnaissance modules.</summary>
public static class ReconModulesServiceCollectionExtensions
{
    /// <summary>Adds <c>recon.dns.resolve</c>.</summary>
    public static IServiceCollection AddReconModules(this IServiceCollection services) =>
        services.AddModule<DnsResolveModule>();
}
