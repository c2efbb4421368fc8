using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Network.Naabu;
using ShipSec.Activities.Network.Nmap;
using ShipSec.Modules;

namespace ShipSec.Activities.Network;

/// <summary>Registers the network scanning modules.</summary>
public static class NetworkModulesServiceCollectionExtensions
{
    /// <summary>Adds <c>network.nmap.scan</c> and <c>network.naabu.scan</c>; they run in containers (see <c>AddDockerRunner</c>).</summary>
    public static IServiceCollection AddNetworkModules(this IServiceCollection services) =>
        services.AddModule<NmapScanModule>().AddModule<NaabuModule>();
}
