using System.Globalization;
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
        var rabbitMq = options.Bus.Transport switch
        {
            BusTransport.InMemory when options.Role != RuntimeRole.All => throw new RuntimeConfigurationException(
                $"Role '{options.Role.ToString().ToLowerInvariant()}' needs a bus shared between processes, and the in-memory transport is not; " +
                "run with --role all, or set ShipSec:Bus:Transport to RabbitMq."),
            BusTransport.InMemory => null,
            BusTransport.RabbitMq => RabbitMqAddress.Parse(options.Bus.RabbitMq),
            _ => throw new RuntimeConfigurationException(
                $"ShipSec:Bus:Transport '{options.Bus.Transport}' is not a transport; use 'InMemory' (the default) or 'RabbitMq'."),
        };

        services.AddMassTransit(bus =>
        {
            // MassTransit would otherwise report usage to its vendor over the internet.
            bus.DisableUsageTelemetry();
            if (options.Role.HostsOrchestrator())
            {
                bus.AddConsumer<RunCommandConsumer, RunCommandConsumerDefinition>();
                bus.AddConsumer<NodeResultConsumer, NodeResultConsumerDefinition>();
            }
            if (options.Role.HostsWorker())
            {
                bus.AddConsumer<ExecuteNodeConsumer, ExecuteNodeConsumerDefinition>();
                // Every worker must see every cancel request: a per-process endpoint, not a shared queue.
                bus.AddConsumer<CancelNodeExecutionConsumer>()
                    .Endpoint(e =>
                    {
                        e.Name = QueueNames.NodeCancelPrefix;
                        e.InstanceId = $"-{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
                        e.Temporary = true;
                    });
            }
            if (options.Role.HostsCollector())
                bus.AddConsumer<TraceCollector, TraceCollectorDefinition>().Endpoint(e => e.Name = QueueNames.TraceBatches);

            if (rabbitMq is null)
            {
                bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
                return;
            }
            bus.AddConfigureEndpointsCallback((_, name, endpoint) =>
            {
                // One collector stores at a time, in queue order; the others stand by and take over if it goes away.
                if (name == QueueNames.TraceBatches && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    rabbit.SingleActiveConsumer = true;
            });
            bus.UsingRabbitMq((context, transport) =>
            {
                transport.Host(rabbitMq.Host, rabbitMq.Port, rabbitMq.VirtualHost, host =>
                {
                    host.Username(rabbitMq.Username);
                    host.Password(rabbitMq.Password);
                    host.Heartbeat(TimeSpan.FromSeconds(10));
                    host.PublisherConfirmation = true;
                });
                transport.ConfigureEndpoints(context);
            });
        });
        services.Configure<MassTransitHostOptions>(host =>
        {
            // A broker that is down at startup must not stop the process: MassTransit keeps reconnecting.
            host.WaitUntilStarted = rabbitMq is null;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }
}
