using MassTransit;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Messages;

namespace ShipSec.Runtime.Execution;

/// <summary>Takes node attempts off the bus and runs them with the <see cref="NodeExecutor"/>.</summary>
public sealed class ExecuteNodeConsumer(NodeExecutor executor) : IConsumer<ExecuteNode>
{
    public Task Consume(ConsumeContext<ExecuteNode> context) => executor.ExecuteAsync(context.Message, context.CancellationToken);
}

/// <summary>Limits how many attempts this worker runs at once (<c>ShipSec:Worker:Concurrency</c>).</summary>
public sealed class ExecuteNodeConsumerDefinition : ConsumerDefinition<ExecuteNodeConsumer>
{
    public ExecuteNodeConsumerDefinition(IOptions<ShipSecOptions> options) =>
        ConcurrentMessageLimit = Math.Max(1, options.Value.Worker.Concurrency);
}
