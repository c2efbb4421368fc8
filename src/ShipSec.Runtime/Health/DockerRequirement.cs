using Microsoft.Extensions.Configuration;
using ShipSec.Runtime.Configuration;
using DockerOptions = ShipSec.Runtime.Containers.DockerOptions;

namespace ShipSec.Runtime.Health;

/// <summary>
/// Whether this process needs the Docker daemon to be ready: only when it runs modules (role <c>all</c> or <c>worker</c>) and the
/// operator named a daemon (<c>ShipSec:Docker:Endpoint</c>, as the production profile does). The embedded default names none and
/// uses the local socket if a daemon happens to answer there.
/// </summary>
/// <param name="EndpointConfigured">The operator set <c>ShipSec:Docker:Endpoint</c> (an empty value counts as not set).</param>
/// <param name="RunsModules">This process hosts a worker, so container modules run here.</param>
public sealed record DockerRequirement(bool EndpointConfigured, bool RunsModules)
{
    /// <summary>An unreachable daemon makes this process not ready.</summary>
    public bool Required => EndpointConfigured && RunsModules;

    /// <summary>Reads the requirement from the configuration the runtime is composed from.</summary>
    public static DockerRequirement From(IConfiguration configuration) => new(
        !string.IsNullOrWhiteSpace(configuration[$"{DockerOptions.Section}:{nameof(DockerOptions.Endpoint)}"]),
        RuntimeExtensions.ReadOptions(configuration).Role.HostsWorker());
}
