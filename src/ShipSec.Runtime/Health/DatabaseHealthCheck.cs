using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Health;

/// <summary>Ready when the database answers and has no pending migrations.</summary>
public sealed class DatabaseHealthCheck(ShipSecDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy($"Cannot connect to the {db.Database.ProviderName} database.");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy(ProviderName(db))
                : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied yet.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"The database check failed: {e.Message}");
        }
    }

    private static string ProviderName(ShipSecDbContext db) => db.Database.IsSqlite() ? "Sqlite" : db.Database.ProviderName ?? "unknown";
}
