using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ShipSec.Runtime.Tracing;

/// <summary>Registers the trace path: <see cref="TraceOptions"/>, metrics, the emitter, the notifier and the live feed.</summary>
public static class TracingExtensions
{
    /// <summary>
    /// Adds the trace services. The emitter is not added as a hosted service here: the caller adds it after the bus, so that it
    /// stops (and sends what it holds) before the bus does.
    /// </summary>
    public static IServiceCollection AddShipSecTracing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TraceOptions>()
            .Bind(configuration.GetSection(TraceOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TraceOptions>, TraceOptionsValidation>();
        services.AddMetrics();
        services.AddSingleton<TraceMetrics>();
        services.AddSingleton<ITraceNotifier, InProcessTraceNotifier>();
        services.AddSingleton<TraceEmitter>();
        services.AddSingleton<RunTraceFeed>();
        return services;
    }

    /// <summary>
    /// Replaces the in-process notifier with <see cref="PostgresTraceNotifier"/>, so live views in this process follow runs
    /// whose trace another process collects into the PostgreSQL database at <paramref name="connectionString"/>.
    /// </summary>
    public static IServiceCollection AddPostgresTraceNotifications(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PostgresTraceNotifier>(sp, connectionString));
        services.Replace(ServiceDescriptor.Singleton<ITraceNotifier>(sp => sp.GetRequiredService<PostgresTraceNotifier>()));
        services.AddHostedService(sp => sp.GetRequiredService<PostgresTraceNotifier>());
        return services;
    }

    private sealed class TraceOptionsValidation : IValidateOptions<TraceOptions>
    {
        public ValidateOptionsResult Validate(string? name, TraceOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
