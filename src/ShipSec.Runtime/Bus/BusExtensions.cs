using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Execution;
using ShipSec.Runtime.Orchestration;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Runtime.Bus;

/// <summary>Registers MassTransit with the consumers of the configured role on the configured transport.</summary>
public static class BusExtensions
{
    public static IServiceCollection AddShipSecBus(this IServiceCollection services, ShipSecOptions options)
    {
        if (options.Bus.Transport != BusTransport.InMemory)
        {
            throw new RuntimeConfigurationException(
                $"ShipSec:Bus:Transport '{options.Bus.Transport}' is not available yet; use 'InMemory' (the default).");
        }
        if (options.Role != RuntimeRole.All)
        {
            throw new RuntimeConfigurationException(
                $"Role '{options.Role.ToString().ToLowerInvariant()}' needs a bus shared between processes, and the in-memory transport is not; run with --role all.");
        }

        services.AddMassTransit(bus =>
        {
            if (options.Role.HostsOrchestrator())
                bus.AddConsumer<OrchestratorConsumer, OrchestratorConsumerDefinition>();
            if (options.Role.HostsWorker())
            {
                bus.AddConsumer<ExecuteNodeConsumer, ExecuteNodeConsumerDefinition>();
                // Every worker must see every cancel request: a per-process endpoint, not a shared queue.
                bus.AddConsumer<CancelNodeExecutionConsumer>()
                    .Endpoint(e =>
                    {
                        e.InstanceId = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        e.Temporary = true;
                    });
            }
            if (options.Role.HostsCollector())
                bus.AddConsumer<TraceCollector, TraceCollectorDefinition>();

            bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
        });
        services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = true;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }
}
