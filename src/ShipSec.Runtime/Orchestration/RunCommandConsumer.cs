using MassTransit;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Messages;

namespace ShipSec.Runtime.Orchestration;

/// <summary>Feeds run starts and cancel requests from the bus into the <see cref="Orchestrator"/>.</summary>
public sealed class RunCommandConsumer(Orchestrator orchestrator) : IConsumer<StartRun>, IConsumer<CancelRun>
{
    public Task Consume(ConsumeContext<StartRun> context) =>
        orchestrator.StartAsync(context.Message.RunId, context.CancellationToken);

    public Task Consume(ConsumeContext<CancelRun> context) =>
        orchestrator.CancelAsync(context.Message.RunId, context.Message.Reason, context.CancellationToken);
}

/// <summary>Queue <see cref="QueueNames.RunCommands"/>; transient failures (database, lock timeouts) are retried, then the message is dead-lettered.</summary>
public sealed class RunCommandConsumerDefinition : ConsumerDefinition<RunCommandConsumer>
{
    public RunCommandConsumerDefinition()
    {
        EndpointName = QueueNames.RunCommands;
        ConcurrentMessageLimit = 16;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<RunCommandConsumer> consumer,
        IRegistrationContext context) => endpoint.UseMessageRetry(BusRetry.Orchestration);
}
