using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ShipSec.Flowchart.Compilation;
using ShipSec.Flowchart.Engine;
using ShipSec.Modules;
using ShipSec.Runtime.Artifacts;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Execution;
using ShipSec.Runtime.Health;
using ShipSec.Runtime.Orchestration;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Replay;
using ShipSec.Runtime.Runs;
using ShipSec.Runtime.Tracing;
using ShipSec.Runtime.Workflows;

namespace ShipSec.Runtime;

/// <summary>Composition of the runtime: configuration, persistence, bus, orchestrator, worker, trace path and application services.</summary>
public static class RuntimeExtensions
{
    /// <summary>The command-line key <c>--role</c>, read in preference to <c>ShipSec:Role</c>.</summary>
    public const string RoleSwitch = "role";

    /// <summary>Tag of the health checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Registers everything the configured role (<c>ShipSec:Role</c> or <c>--role</c>) hosts. Throws
    /// <see cref="RuntimeConfigurationException"/> for providers this build does not have yet.
    /// </summary>
    public static IHostApplicationBuilder AddShipSecRuntime(this IHostApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration);
        var services = builder.Services;

        services.AddOptions<ShipSecOptions>()
            .Bind(builder.Configuration.GetSection(ShipSecOptions.Section))
            .PostConfigure(o => o.Role = options.Role);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ModuleCatalog(sp.GetServices<IModule>()));
        services.TryAddSingleton<IComponentCatalog, ModuleComponentCatalog>();
        services.TryAddSingleton<FlowchartEngine>();

        services.AddShipSecPersistence(options, builder.Configuration);
        services.AddShipSecStorage(options);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<ArtifactStoreHealthCheck>("objectStore", tags: [ReadyTag]);

        services.AddShipSecTracing(builder.Configuration);
        // Views (the SSE stream) live in API processes; on a shared database they hear of every collector's commits.
        if (options.Database.Provider == DatabaseProvider.Postgres && options.Role.HostsApi())
            services.AddPostgresTraceNotifications(builder.Configuration.GetConnectionString(PersistenceExtensions.ConnectionStringName)!);
        services.AddSingleton<EngineCommandExecutor>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<TimerSignal>();

        // Hosted services stop in reverse order: the relay and the emitter finish before the bus stops.
        services.AddShipSecBus(options);
        services.AddHostedService<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<TraceEmitter>());

        if (options.Role.HostsOrchestrator())
        {
            services.AddSingleton<RunLocks>();
            services.AddSingleton<Orchestrator>();
            services.AddHostedService<QueuedRunStarter>();
            services.AddHostedService<RunRecovery>();
            services.AddHostedService<TimerSweeper>();
            services.AddHostedService<LeaseSweeper>();
        }
        if (options.Role.HostsWorker())
        {
            services.AddSingleton<RunningAttempts>();
            services.AddSingleton<NodeExecutions>();
            services.AddSingleton<NodeExecutor>();
            services.AddHostedService(sp => sp.GetRequiredService<NodeExecutor>());
            services.AddHostedService<LeaseRenewer>();
        }
        if (options.Role.HostsApi())
        {
            services.AddScoped<WorkflowService>();
            services.AddScoped<RunService>();
            services.AddScoped<RunQueries>();
            services.AddScoped<RunReplayQueries>();
        }
        return builder;
    }

    /// <summary>Binds the <c>ShipSec</c> section and applies <c>--role</c>.</summary>
    public static ShipSecOptions ReadOptions(IConfiguration configuration)
    {
        var options = new ShipSecOptions();
        try
        {
            configuration.GetSection(ShipSecOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new RuntimeConfigurationException($"The ShipSec configuration is invalid: {e.Message} {e.InnerException?.Message}".TrimEnd());
        }
        if (configuration[RoleSwitch] is { Length: > 0 } role)
        {
            options.Role = Enum.TryParse<RuntimeRole>(role, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new RuntimeConfigurationException($"--role '{role}' is not a role; use all, api, worker or collector.");
        }
        return options;
    }
}
