namespace ShipSec.Runtime.Configuration;

/// <summary>Which parts of the runtime each <see cref="RuntimeRole"/> hosts.</summary>
public static class RuntimeRoleExtensions
{
    /// <summary>HTTP API, application services, orchestrator and timer sweeper.</summary>
    public static bool HostsApi(this RuntimeRole role) => role is RuntimeRole.All or RuntimeRole.Api;

    public static bool HostsOrchestrator(this RuntimeRole role) => role is RuntimeRole.All or RuntimeRole.Api;

    public static bool HostsWorker(this RuntimeRole role) => role is RuntimeRole.All or RuntimeRole.Worker;

    public static bool HostsCollector(this RuntimeRole role) => role is RuntimeRole.All or RuntimeRole.Collector;
}
