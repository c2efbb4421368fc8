using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShipSec.Server.Apis;

/// <summary><c>/health</c> (liveness) and <c>/health/ready</c> (database, bus, object store, Docker).</summary>
public static class HealthApi
{
    public const string ServiceName = "shipsec-elsa";

    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Health");
        group.MapGet("/", Live).WithName("health");
        group.MapGet("/ready", ReadyAsync).WithName("healthReady");
        return group;
    }

    /// <summary>The process is up.</summary>
    public static IResult Live(TimeProvider clock) =>
        TypedResults.Ok(new Liveness("ok", ServiceName, clock.GetUtcNow()));

    /// <summary>
    /// Ready (200) when every dependency this process needs answers; 503 naming the failing ones otherwise. Optional components
    /// (Docker where no endpoint is configured, see <c>DockerHealthCheck</c>) report their state without deciding readiness.
    /// </summary>
    public static async Task<IResult> ReadyAsync(HealthCheckService health, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var checks = report.Entries.ToDictionary(
            e => e.Key.StartsWith("masstransit", StringComparison.OrdinalIgnoreCase) ? "bus" : e.Key,
            e => new DependencyStatus(StatusOf(e.Value), e.Value.Description));
        checks.TryAdd("docker", new DependencyStatus("not configured", "This host registers no Docker runner."));

        var ready = report.Status == HealthStatus.Healthy;
        var body = new Readiness(ready ? "ready" : "not ready", ServiceName, clock.GetUtcNow(), checks);
        return ready ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>A check's own <c>state</c> (e.g. Docker's <c>not configured</c>) when it reports one; else ok / degraded / unhealthy.</summary>
    private static string StatusOf(HealthReportEntry entry) =>
        entry.Data.TryGetValue("state", out var state) && state is string named ? named
        : entry.Status == HealthStatus.Healthy ? "ok" : entry.Status.ToString().ToLowerInvariant();

    /// <summary>Liveness answer.</summary>
    public sealed record Liveness(string Status, string Service, DateTimeOffset Timestamp);

    /// <summary>Readiness answer: overall status and one entry per dependency.</summary>
    public sealed record Readiness(string Status, string Service, DateTimeOffset Timestamp, IReadOnlyDictionary<string, DependencyStatus> Checks);

    /// <summary>State of one dependency: <c>ok</c>, <c>degraded</c>, <c>unhealthy</c> or <c>not configured</c>.</summary>
    public sealed record DependencyStatus(string Status, string? Description);
}
