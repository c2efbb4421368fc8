using MassTransit;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Messages;

namespace ShipSec.Runtime.Orchestration;

/// <summary>Feeds node results from the bus into the <see cref="Orchestrator"/>; a duplicate result changes nothing.</summary>
public sealed class NodeResultConsumer(Orchestrator orchestrator) : IConsumer<NodeSucceeded>, IConsumer<NodeFailed>
{
    public Task Consume(ConsumeContext<NodeSucceeded> context) =>
        orchestrator.NodeSucceededAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<NodeFailed> context) =>
        orchestrator.NodeFailedAsync(context.Message, context.CancellationToken);
}

/// <summary>Queue <see cref="QueueNames.NodeResults"/>: many runs progress in parallel; each run is serialised by its row lock.</summary>
public sealed class NodeResultConsumerDefinition : ConsumerDefinition<NodeResultConsumer>
{
    public NodeResultConsumerDefinition()
    {
        EndpointName = QueueNames.NodeResults;
        ConcurrentMessageLimit = 32;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<NodeResultConsumer> consumer,
        IRegistrationContext context) => endpoint.UseMessageRetry(BusRetry.Orchestration);
}
