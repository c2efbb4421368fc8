using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShipSec.Runtime.Artifacts;

namespace ShipSec.Runtime.Health;

/// <summary>Ready when the artifact store can be written to.</summary>
public sealed class ArtifactStoreHealthCheck(IArtifactStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckAvailableAsync(cancellationToken);
            return HealthCheckResult.Healthy(store.Description);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"The artifact store ({store.Description}) is not available: {e.Message}");
        }
    }
}
