using MassTransit;
using ShipSec.Runtime.Messages;

namespace ShipSec.Runtime.Execution;

/// <summary>Cancels the attempt named by a <see cref="CancelNodeExecution"/> when this worker is running it.</summary>
public sealed class CancelNodeExecutionConsumer(RunningAttempts running) : IConsumer<CancelNodeExecution>
{
    public Task Consume(ConsumeContext<CancelNodeExecution> context)
    {
        var m = context.Message;
        running.Cancel(m.RunId, m.NodeId, m.Attempt);
        return Task.CompletedTask;
    }
}
