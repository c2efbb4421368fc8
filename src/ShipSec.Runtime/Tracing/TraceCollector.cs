using MassTransit;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Tracing;

/// <summary>Stores trace batches (duplicates dropped, gap-free per-run sequences) and signals live views.</summary>
public sealed class TraceCollector(ITraceStore store, ITraceNotifier notifier) : IConsumer<TraceEventBatch>
{
    public async Task Consume(ConsumeContext<TraceEventBatch> context)
    {
        var stored = await store.AppendAsync(context.Message.Events, context.CancellationToken);
        foreach (var run in stored.GroupBy(e => e.RunId, StringComparer.Ordinal))
            notifier.Stored(run.Key, run.Max(e => e.Sequence));
    }
}

/// <summary>One batch at a time, so batches are stored in the order they were published.</summary>
public sealed class TraceCollectorDefinition : ConsumerDefinition<TraceCollector>
{
    public TraceCollectorDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TraceCollector> consumer,
        IRegistrationContext context)
    {
        endpoint.PrefetchCount = 1;
        endpoint.UseMessageRetry(Bus.BusRetry.Trace);
    }
}
