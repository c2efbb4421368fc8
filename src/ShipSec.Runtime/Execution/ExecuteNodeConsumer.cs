using MassTransit;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Bus;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Messages;

namespace ShipSec.Runtime.Execution;

/// <summary>
/// Takes node attempts off the bus and hands them to the <see cref="NodeExecutor"/>, which claims each one and runs it
/// in the background: the delivery is settled as soon as the claim is committed, and the attempt does not depend on
/// the broker connection it came through.
/// </summary>
public sealed class ExecuteNodeConsumer(NodeExecutor executor) : IConsumer<ExecuteNode>
{
    public Task Consume(ConsumeContext<ExecuteNode> context) => executor.AcceptAsync(context.Message, context.CancellationToken);
}

/// <summary>
/// Queue <see cref="QueueNames.NodeDispatch"/>, shared by all workers; limits how many attempts this worker runs at once
/// (<c>ShipSec:Worker:Concurrency</c>) and takes no more than that from the broker, so idle workers get the rest.
/// </summary>
public sealed class ExecuteNodeConsumerDefinition : ConsumerDefinition<ExecuteNodeConsumer>
{
    public ExecuteNodeConsumerDefinition(IOptions<ShipSecOptions> options)
    {
        EndpointName = QueueNames.NodeDispatch;
        ConcurrentMessageLimit = Math.Max(1, options.Value.Worker.Concurrency);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<ExecuteNodeConsumer> consumer,
        IRegistrationContext context)
    {
        endpoint.PrefetchCount = ConcurrentMessageLimit ?? 1;
        endpoint.UseMessageRetry(BusRetry.Dispatch);
    }
}
