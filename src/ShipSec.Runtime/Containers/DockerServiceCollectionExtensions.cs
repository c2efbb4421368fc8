using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Health;

namespace ShipSec.Runtime.Containers;

/// <summary>Registration of the Docker runner.</summary>
public static class DockerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DockerRunner"/> as the <see cref="IContainerRunner"/> with <see cref="DockerOptions"/> bound from
    /// <c>ShipSec:Docker</c>, the background orphan sweep and the <c>docker</c> readiness check (<see cref="DockerHealthCheck"/>).
    /// Connecting is lazy: nothing fails at startup when no daemon runs.
    /// </summary>
    public static IServiceCollection AddDockerRunner(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DockerOptions>().Bind(configuration.GetSection(DockerOptions.Section))
            .PostConfigure(options =>
            {
                // An empty ShipSec__Docker__Endpoint means "not configured": the default socket, as when the key is absent.
                if (string.IsNullOrWhiteSpace(options.Endpoint)) options.Endpoint = DockerOptions.DefaultEndpoint;
            });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DockerRunner>();
        services.TryAddSingleton<IContainerRunner>(provider => provider.GetRequiredService<DockerRunner>());
        services.AddHostedService<DockerOrphanSweep>();
        if (services.Any(service => service.ServiceType == typeof(DockerRequirement))) return services;
        services.AddSingleton(DockerRequirement.From(configuration));
        services.AddHealthChecks().AddCheck<DockerHealthCheck>(DockerHealthCheck.Name, tags: [RuntimeExtensions.ReadyTag]);
        return services;
    }
}
