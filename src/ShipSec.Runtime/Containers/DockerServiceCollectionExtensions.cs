using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShipSec.Modules.Containers;

namespace ShipSec.Runtime.Containers;

/// <summary>Registration of the Docker runner.</summary>
public static class DockerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DockerRunner"/> as the <see cref="IContainerRunner"/> with <see cref="DockerOptions"/> bound from
    /// <c>ShipSec:Docker</c>, and the background orphan sweep. Connecting is lazy: nothing fails at startup when no daemon runs.
    /// </summary>
    public static IServiceCollection AddDockerRunner(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DockerOptions>().Bind(configuration.GetSection(DockerOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DockerRunner>();
        services.TryAddSingleton<IContainerRunner>(provider => provider.GetRequiredService<DockerRunner>());
        services.AddHostedService<DockerOrphanSweep>();
        return services;
    }
}
