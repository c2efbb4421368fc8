using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Trace.Tests.Collector;

/// <summary>
/// The emitter with several batches in flight against a bus that does not keep their order: a stand-in collector that works on two
/// batches at once and holds the first one back, so the second always overtakes it. The stand-in keeps the collector's contract
/// (a batch whose predecessor is not stored is deferred, nothing written); the emitter must still get every event stored once, in
/// emission order.
/// </summary>
public sealed class OrderedPipelineTests
{
    [Test]
    public async Task Batches_that_overtake_their_predecessor_are_sent_again_and_every_event_is_stored_in_emission_order()
    {
        var collector = new OvertakingCollector();

        var emitted = await EmitAsync(collector, batchesInFlight: 3, events: 1_000);

        Assert.That(collector.Stored, Is.EqualTo(emitted), "stored once each, in emission order");
        Assert.That(collector.Deferred, Is.GreaterThan(0), "the stand-in bus must actually have reordered batches");
    }

    [Test]
    public async Task With_one_batch_in_flight_no_batch_names_a_predecessor()
    {
        var collector = new OvertakingCollector();

        var emitted = await EmitAsync(collector, batchesInFlight: 1, events: 300);

        Assert.That(collector.Stored, Is.EqualTo(emitted));
        Assert.That(collector.Deferred, Is.Zero);
        Assert.That(collector.Predecessors, Is.All.Null);
    }

    /// <summary>Emits <paramref name="events"/> log events in batches of 50 and waits until all are acknowledged; returns their ids in emission order.</summary>
    private static async Task<List<string>> EmitAsync(OvertakingCollector collector, int batchesInFlight, int events)
    {
        await using var services = Services(collector, batchesInFlight, maxBatchSize: 50);
        var bus = services.GetRequiredService<IBusControl>();
        await bus.StartAsync();
        var emitter = services.GetRequiredService<TraceEmitter>();
        await emitter.StartAsync(CancellationToken.None);
        try
        {
            var emitted = Enumerable.Range(1, events).Select(i => Event($"e{i}")).ToList();
            foreach (var e in emitted) emitter.Emit(e);
            await emitter.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return emitted.ConvertAll(e => e.Id);
        }
        finally
        {
            await emitter.StopAsync(CancellationToken.None);
            await bus.StopAsync();
        }
    }

    private static ServiceProvider Services(OvertakingCollector collector, int batchesInFlight, int maxBatchSize)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TraceMetrics>();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(Options.Create(new TraceOptions
        {
            BatchesInFlight = batchesInFlight,
            MaxBatchSize = maxBatchSize,
            BatchDelay = TimeSpan.FromMilliseconds(1),
        }));
        services.AddSingleton(collector);
        services.AddSingleton<TraceEmitter>();
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<OvertakingCollector.OvertakingConsumer>(c => c.ConcurrentMessageLimit = 2);
            bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
        });
        return services.BuildServiceProvider();
    }

    private static TraceEvent Event(string id) => new()
    {
        Id = id,
        RunId = "run-ordered",
        WorkflowId = "wf",
        NodeId = "node",
        Type = TraceEventType.NodeLog,
        Timestamp = DateTimeOffset.UtcNow,
        Message = id,
    };

    /// <summary>Stores in memory under the collector's rules; the first batch it sees waits until a later one has been handled.</summary>
    public sealed class OvertakingCollector
    {
        private readonly Lock _gate = new();
        private readonly List<string> _stored = [];
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly List<string?> _predecessors = [];
        private readonly TaskCompletionSource _laterBatchHandled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _received;

        public int Deferred { get; private set; }

        public IReadOnlyList<string> Stored
        {
            get
            {
                lock (_gate) return [.. _stored];
            }
        }

        public IReadOnlyList<string?> Predecessors
        {
            get
            {
                lock (_gate) return [.. _predecessors];
            }
        }

        private async Task<object> HandleAsync(TraceEventBatch batch)
        {
            if (Interlocked.Increment(ref _received) == 1)
                await Task.WhenAny(_laterBatchHandled.Task, Task.Delay(TimeSpan.FromSeconds(2)));
            try
            {
                lock (_gate)
                {
                    _predecessors.Add(batch.After);
                    if (batch.After is { } after && !_ids.Contains(after))
                    {
                        Deferred++;
                        return new TraceBatchDeferred(after);
                    }
                    var events = batch.ReadEvents();
                    var fresh = events.Where(e => _ids.Add(e.Id)).Select(e => e.Id).ToList();
                    _stored.AddRange(fresh);
                    return new TraceBatchStored(events.Count, fresh.Count);
                }
            }
            finally
            {
                if (_received > 1) _laterBatchHandled.TrySetResult();
            }
        }

        public sealed class OvertakingConsumer(OvertakingCollector collector) : IConsumer<TraceEventBatch>
        {
            public async Task Consume(ConsumeContext<TraceEventBatch> context) =>
                await context.RespondAsync(await collector.HandleAsync(context.Message));
        }
    }
}
