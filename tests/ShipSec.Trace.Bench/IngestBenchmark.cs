using System.Diagnostics.Metrics;
using Process = System.Diagnostics.Process;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Testing;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Trace.Bench;

/// <summary>
/// Trace ingest: the same NODE_LOG rows stored by several paths, in one server (role all) on a fresh <see cref="BenchDeployment"/>:
/// on the PostgreSQL profile binary COPY into <c>trace_events</c> (the floor, <see cref="CopyFloor"/>); on both profiles
/// <see cref="ITraceStore.AppendAsync"/> in batches of the emitter's batch size (the store alone, the embedded floor), and the real
/// path, <see cref="TraceEmitter.Emit"/> → bus → collector → store, timed until <see cref="TraceEmitter.FlushAsync"/> confirms every
/// event stored; and the same path in a second server whose store keeps nothing (<see cref="DiscardingTraceStore"/>), which is what
/// the emitter, the bus and the collector allow on their own. Each figure is the median of several rounds; rounds interleave the
/// paths and rotate their order.
/// </summary>
public static class IngestBenchmark
{
    /// <summary>The ways of storing the rows.</summary>
    public enum PathKind
    {
        CopyPerBatch,
        CopyAll,
        Store,
        Pipeline,
        Discarded,
    }

    /// <summary>
    /// One path's figures. <see cref="StoreShare"/> is the part of the wall time spent inside the store (for the pipeline, the
    /// collector's <c>AppendAsync</c>); <see cref="StoreMsPerBatch"/> the mean time of one store call (an AppendAsync or a COPY);
    /// <see cref="CpuMsPerThousand"/> the CPU time this process (client, server and all) spent per 1,000 events.
    /// </summary>
    public sealed record Result(PathKind Kind, string Label, int Producers, double EventsPerSecond, IReadOnlyList<double> RoundRates,
        long Waits, TimeSpan WaitedFor, double? StoreShare, double? StoreMsPerBatch, double CpuMsPerThousand, int Gen2Collections,
        long DeferredBatches)
    {
        /// <summary>
        /// The median over rounds of this path's rate divided by <paramref name="baseline"/>'s in the same round: paths of one round
        /// ran within seconds of each other, so a change of load between rounds cancels out.
        /// </summary>
        public double RatioTo(Result baseline) => Median(RoundRates.Zip(baseline.RoundRates, (mine, theirs) => mine / theirs));
    }

    internal sealed record IngestPath(PathKind Kind, string Label, int Producers, Func<List<TraceEvent>, Task<Measurement>> RunAsync);

    /// <summary>
    /// One round of one path: wall and CPU time, time and calls inside the store (null when not measured), emitter back-pressure,
    /// and batches the collector deferred because they overtook their predecessor.
    /// </summary>
    internal sealed record Measurement(TimeSpan Elapsed, TimeSpan Cpu, double? StoreMs, int StoreCalls, TraceEmitterPressure Pressure,
        long DeferredBatches = 0);

    private static readonly TraceEmitterPressure NoPressure = new(0, TimeSpan.Zero);

    /// <summary>The figures of one configuration: one result per path, and where a batch's time goes on each single-producer path.</summary>
    public sealed record Run(List<Result> Results, List<Breakdown> Breakdowns);

    /// <summary>
    /// Milliseconds per batch on one path, from one round with tracing on: wall time; the emitter's send and the collector's receive
    /// of a batch (through the bus only); time in the store (per call); and the store's commands per batch and their time (PostgreSQL only).
    /// </summary>
    public sealed record Breakdown(PathKind Kind, string Label, double WallMs, double? SendMs, double? ReceiveMs, double? StoreMs,
        double? Commands, double? CommandMs)
    {
        internal static Breakdown Of(IngestPath path, Measurement measured, BatchSpans.Totals before, BatchSpans.Totals after, bool traced)
        {
            var batches = Math.Max(1, measured.StoreCalls);
            var sends = after.Sends - before.Sends;
            var receives = after.Receives - before.Receives;
            return new Breakdown(path.Kind, path.Label, measured.Elapsed.TotalMilliseconds / batches,
                sends > 0 ? (after.SendMs - before.SendMs) / sends : null,
                receives > 0 ? (after.ReceiveMs - before.ReceiveMs) / receives : null,
                measured.StoreMs / batches,
                traced ? (double)(after.Commands - before.Commands) / batches : null,
                traced ? (after.CommandMs - before.CommandMs) / batches : null);
        }
    }

    public static async Task<Run> RunAsync(BenchProfile profile, int events, int rounds, int batchSize, int batchesInFlight)
    {
        var settings = new Dictionary<string, string>
        {
            ["ShipSec:Trace:MaxBatchSize"] = batchSize.ToString(),
            ["ShipSec:Trace:BatchesInFlight"] = batchesInFlight.ToString(),
        };
        await using var deployment = await BenchDeployment.CreateAsync(profile);
        await using var server = await BenchServer.StartAsync(deployment, settings);
        var emitter = server.Services.GetRequiredService<TraceEmitter>();
        using var storeTime = new StoreTime(server.Services.GetRequiredService<IMeterFactory>());
        // Its own database and bus, so its collector never competes with the real one for a queue.
        await using var discardingDeployment = await BenchDeployment.CreateAsync(profile);
        await using var discarding = await BenchServer.StartAsync(discardingDeployment, settings,
            replace: services => services.AddSingleton<ITraceStore, DiscardingTraceStore>());
        using var discardingStoreTime = new StoreTime(discarding.Services.GetRequiredService<IMeterFactory>());

        var paths = new List<IngestPath>();
        if (deployment.Postgres is { } postgres)
        {
            paths.Add(new(PathKind.CopyPerBatch, "COPY, one per batch (floor)", 1, batch => CopyAsync(postgres, batch, batchSize)));
            paths.Add(new(PathKind.CopyAll, "COPY, all rows at once", 1, batch => CopyAsync(postgres, batch, batch.Count)));
        }
        var storeLabel = profile == BenchProfile.Embedded ? "store only (floor)" : "store only (`ITraceStore.AppendAsync`)";
        paths.Add(new(PathKind.Store, storeLabel, 1, batch => StoreAsync(server, batch, batchSize)));
        foreach (var producers in new[] { 1, 4 })
        {
            paths.Add(new(PathKind.Pipeline, $"emitter → bus → collector → {profile.Database()}", producers,
                batch => PipelineAsync(emitter, storeTime, batch, producers)));
        }
        paths.Add(new(PathKind.Discarded, "emitter → bus → collector, store discards (ceiling)", 1,
            batch => PipelineAsync(discarding.Services.GetRequiredService<TraceEmitter>(), discardingStoreTime, batch, producers: 1)));

        // Warm-up: JIT, page cache, connection pools, bus endpoints and queues.
        foreach (var path in paths) await path.RunAsync(Events($"warm-{paths.IndexOf(path)}", events / 10));

        // Rounds interleave the paths, so machine load, checkpoints and the growth of the table hit them alike, and rotate their
        // order, so no path always runs first (or last) in a round.
        var figures = paths.ToDictionary(p => p, _ => new Figures());
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < paths.Count; i++)
            {
                var path = paths[(i + r) % paths.Count];
                var batch = Events($"round-{r}-path-{paths.IndexOf(path)}", events);
                var gen2 = GC.CollectionCount(2);
                var measured = await path.RunAsync(batch);
                figures[path].Add(events, measured, GC.CollectionCount(2) - gen2);
            }
        }
        // One more round of each single-producer path with tracing on, kept out of the figures above, to see where a batch's time goes.
        var breakdowns = new List<Breakdown>();
        using (var spans = new BatchSpans())
        {
            foreach (var path in paths.Where(p => p.Producers == 1 && p.Kind != PathKind.CopyAll))
            {
                var before = spans.Read();
                var measured = await path.RunAsync(Events($"spans-path-{paths.IndexOf(path)}", events));
                breakdowns.Add(Breakdown.Of(path, measured, before, spans.Read(), traced: profile == BenchProfile.Postgres));
            }
        }
        return new Run(paths.Select(p => figures[p].Result(p)).ToList(), breakdowns);
    }

    /// <summary>What the rounds of one path measured.</summary>
    private sealed class Figures
    {
        private readonly List<double> _rates = [];
        private double _storeMs;
        private int _storeCalls;
        private bool _storeMeasured;
        private double _wallMs;
        private TimeSpan _cpu;
        private int _events;
        private long _waits;
        private TimeSpan _waited;
        private int _gen2;
        private long _deferred;

        public void Add(int events, Measurement measured, int gen2)
        {
            _rates.Add(events / measured.Elapsed.TotalSeconds);
            _wallMs += measured.Elapsed.TotalMilliseconds;
            _cpu += measured.Cpu;
            _events += events;
            _storeMeasured = measured.StoreMs is not null;
            _storeMs += measured.StoreMs ?? 0;
            _storeCalls += measured.StoreCalls;
            _gen2 += gen2;
            _waits += measured.Pressure.Waits;
            _waited += measured.Pressure.WaitedFor;
            _deferred += measured.DeferredBatches;
        }

        public Result Result(IngestPath path) =>
            new(path.Kind, path.Label, path.Producers, Median(_rates), _rates, _waits, _waited,
                _storeMeasured ? _storeMs / _wallMs : null,
                _storeMeasured && _storeCalls > 0 ? _storeMs / _storeCalls : null,
                _cpu.TotalMilliseconds * 1000 / _events, _gen2, _deferred);
    }

    private static async Task<Measurement> CopyAsync(string postgres, List<TraceEvent> events, int rowsPerCopy)
    {
        var rows = CopyFloor.Rows(events);
        var (elapsed, cpu) = await TimedAsync(() => CopyFloor.CopyAsync(postgres, rows, rowsPerCopy));
        // One COPY of everything has no per-batch figure to compare.
        return rowsPerCopy >= events.Count
            ? new(elapsed, cpu, null, 0, NoPressure)
            : new(elapsed, cpu, elapsed.TotalMilliseconds, (events.Count + rowsPerCopy - 1) / rowsPerCopy, NoPressure);
    }

    private static async Task<Measurement> StoreAsync(BenchServer server, List<TraceEvent> events, int batchSize)
    {
        // As the collector hands them over: read from batch JSON, outside the timing.
        var batches = events.Chunk(batchSize).Select(b => IncomingTraceEvent.ReadBatch(new TraceEventBatch(b).EventsJson)).ToList();
        var calls = 0;
        var (elapsed, cpu) = await TimedAsync(async () =>
        {
            foreach (var batch in batches)
            {
                await using var scope = server.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ITraceStore>().AppendAsync(batch, CancellationToken.None);
                calls++;
            }
        });
        return new(elapsed, cpu, elapsed.TotalMilliseconds, calls, NoPressure);
    }

    private static async Task<Measurement> PipelineAsync(TraceEmitter emitter, StoreTime storeTime, List<TraceEvent> events, int producers)
    {
        var (storeMs, storeCalls, deferred) = storeTime.Totals;
        var pressure = emitter.Pressure;
        var share = (events.Count + producers - 1) / producers;
        var (elapsed, cpu) = await TimedAsync(async () =>
        {
            await Task.WhenAll(events.Chunk(share).Select(part => Task.Run(() =>
            {
                foreach (var e in part) emitter.Emit(e);
            })));
            await emitter.FlushAsync();
        });
        var (storeMsAfter, storeCallsAfter, deferredAfter) = storeTime.Totals;
        var pressureAfter = emitter.Pressure;
        return new(elapsed, cpu, storeMsAfter - storeMs, (int)(storeCallsAfter - storeCalls),
            new(pressureAfter.Waits - pressure.Waits, pressureAfter.WaitedFor - pressure.WaitedFor), deferredAfter - deferred);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Wall time of <paramref name="work"/> and the CPU time the whole process spent meanwhile.</summary>
    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu)> TimedAsync(Func<Task> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await work();
        var elapsed = clock.Elapsed;
        return (elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    /// <summary><paramref name="count"/> NODE_LOG events of one run, shaped as a module's 80-character stdout lines.</summary>
    public static List<TraceEvent> Events(string runId, int count) =>
        Enumerable.Range(1, count).Select(n => new TraceEvent
        {
            Id = TraceEventIds.ForAttempt(runId, "logs", 1, "log", n),
            RunId = runId,
            WorkflowId = "bench",
            NodeId = "logs",
            Type = TraceEventType.NodeLog,
            Level = TraceLevel.Info,
            Timestamp = DateTimeOffset.UtcNow,
            Attempt = 1,
            Message = LogsModule.Line(n, 80),
            Data = JsonSerializer.SerializeToElement(new { stream = "stdout", line = LogsModule.Line(n, 80) }, ShipSecJson.Options),
        }).ToList();

    /// <summary>Sums and counts <c>shipsec.trace.collector.append.duration</c> of one server, and counts its deferred batches.</summary>
    private sealed class StoreTime : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Lock _gate = new();
        private double _milliseconds;
        private long _calls;
        private long _deferred;

        public StoreTime(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name is "shipsec.trace.collector.append.duration" or "shipsec.trace.collector.batches.deferred" &&
                    ReferenceEquals(instrument.Meter.Scope, meters))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _deferred, value));
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (_gate)
                {
                    _milliseconds += value;
                    _calls++;
                }
            });
            _listener.Start();
        }

        /// <summary>Milliseconds spent in the store, store calls and deferred batches so far.</summary>
        public (double Milliseconds, long Calls, long Deferred) Totals
        {
            get
            {
                lock (_gate) return (_milliseconds, _calls, Interlocked.Read(ref _deferred));
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
