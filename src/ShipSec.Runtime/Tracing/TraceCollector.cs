using MassTransit;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Tracing;

/// <summary>
/// Stores trace batches — duplicates by id ignored, gap-free per-run sequences allocated in the insert transaction — then signals
/// live views and answers the emitter. The answer and the broker acknowledgement both come only after the commit, so a batch
/// whose commit failed is retried or sent again, never lost. A batch that names a predecessor (<see cref="TraceEventBatch.After"/>)
/// not stored yet overtook it on the way — the bus does not promise order — and is deferred: nothing is written and the emitter
/// sends it again after the predecessor, so events are always stored in the order they were emitted.
/// </summary>
public sealed class TraceCollector(ITraceStore store, ITraceNotifier notifier, TraceMetrics metrics, TimeProvider clock) : IConsumer<TraceEventBatch>
{
    public async Task Consume(ConsumeContext<TraceEventBatch> context)
    {
        if (context.Message.After is { } after && !await store.ContainsAsync(after, context.CancellationToken))
        {
            metrics.BatchesDeferred.Add(1);
            if (context.RequestId is not null) await context.RespondAsync(new TraceBatchDeferred(after));
            return;
        }

        var events = IncomingTraceEvent.ReadBatch(context.Message.EventsJson);
        var started = clock.GetTimestamp();
        var stored = await store.AppendAsync(events, context.CancellationToken);
        metrics.AppendDuration.Record(clock.GetElapsedTime(started).TotalMilliseconds);
        metrics.EventsStored.Add(stored.Count);
        if (stored.Count < events.Count) metrics.DuplicatesIgnored.Add(events.Count - stored.Count);

        foreach (var run in stored.GroupBy(e => e.RunId, StringComparer.Ordinal))
            await notifier.StoredAsync(run.Key, run.Max(e => e.Sequence), context.CancellationToken);

        if (context.RequestId is not null) await context.RespondAsync(new TraceBatchStored(events.Count, stored.Count));
    }
}

/// <summary>
/// One batch at a time, so batches are stored in the order they arrive; transient store failures are retried in place (keeping
/// that order). A few batches are prefetched, so the next one is already here when a commit ends and, with more than one batch
/// in flight per emitter, the bus carries one batch while the database stores another. Arrival order is not relied on for
/// correctness: a batch that overtook its predecessor is deferred (see <see cref="TraceCollector"/>).
/// </summary>
public sealed class TraceCollectorDefinition : ConsumerDefinition<TraceCollector>
{
    /// <summary>Batches the broker may hand a collector ahead of the one it is storing.</summary>
    public const int Prefetch = 8;

    public TraceCollectorDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TraceCollector> consumer,
        IRegistrationContext context)
    {
        endpoint.PrefetchCount = Prefetch;
        endpoint.UseMessageRetry(Bus.BusRetry.Trace);
    }
}
