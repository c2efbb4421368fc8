using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Vuln.Nuclei;
using ShipSec.Modules;

namespace ShipSec.Activities.Vuln;

/// <summary>Registers the vulnerability scanning modules.</summary>
public static class VulnModulesServiceCollectionExtensions
{
    /// <summary>Adds <c>vuln.nuclei</c>; it runs in a container (see <c>AddDockerRunner</c>).</summary>
    public static IServiceCollection AddVulnModules(this IServiceCollection services) => services.AddModule<NucleiModule>();
}
