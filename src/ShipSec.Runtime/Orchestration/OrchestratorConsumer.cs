using MassTransit;
using ShipSec.Runtime.Messages;

namespace ShipSec.Runtime.Orchestration;

/// <summary>Feeds run starts, node results and cancel requests from the bus into the <see cref="Orchestrator"/>.</summary>
public sealed class OrchestratorConsumer(Orchestrator orchestrator) :
    IConsumer<StartRun>, IConsumer<NodeSucceeded>, IConsumer<NodeFailed>, IConsumer<CancelRun>
{
    public Task Consume(ConsumeContext<StartRun> context) =>
        orchestrator.StartAsync(context.Message.RunId, context.CancellationToken);

    public Task Consume(ConsumeContext<NodeSucceeded> context) =>
        orchestrator.NodeSucceededAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<NodeFailed> context) =>
        orchestrator.NodeFailedAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<CancelRun> context) =>
        orchestrator.CancelAsync(context.Message.RunId, context.Message.Reason, context.CancellationToken);
}

/// <summary>Many runs progress in parallel; each run is serialised by the orchestrator's run lock.</summary>
public sealed class OrchestratorConsumerDefinition : ConsumerDefinition<OrchestratorConsumer>
{
    public OrchestratorConsumerDefinition() => ConcurrentMessageLimit = 32;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<OrchestratorConsumer> consumer,
        IRegistrationContext context)
    {
        endpoint.UseMessageRetry(r => r.Incremental(5, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250)));
    }
}
