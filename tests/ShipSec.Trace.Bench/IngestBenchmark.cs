using System.Diagnostics.Metrics;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Testing;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Trace.Bench;

/// <summary>
/// Trace ingest on the embedded profile: the same NODE_LOG rows stored (1) straight through <see cref="ITraceStore"/> in batches
/// of the emitter's batch size — the floor — and (2) through the real path, <see cref="TraceEmitter.Emit"/> → in-memory bus → collector → SQLite,
/// timed until <see cref="TraceEmitter.FlushAsync"/> confirms every event stored. Each figure is the median of several rounds.
/// </summary>
public static class IngestBenchmark
{
    /// <summary>One figure; <see cref="StoreShare"/> is the part of the pipeline's wall time the collector spent inside the store.</summary>
    public sealed record Result(string Path, int Producers, double EventsPerSecond, long Waits, TimeSpan WaitedFor, double StoreShare, int Gen2Collections);

    public static async Task<List<Result>> RunAsync(int events, int rounds, int batchSize, int batchesInFlight)
    {
        await using var server = await BenchServer.StartAsync(new Dictionary<string, string>
        {
            ["ShipSec:Trace:MaxBatchSize"] = batchSize.ToString(),
            ["ShipSec:Trace:BatchesInFlight"] = batchesInFlight.ToString(),
        });
        var emitter = server.Services.GetRequiredService<TraceEmitter>();
        using var storeTime = new StoreTime(server.Services.GetRequiredService<IMeterFactory>());

        // Warm-up: JIT, SQLite page cache, bus endpoints.
        await FloorAsync(server, Events("warm-floor", events / 10), batchSize);
        await PipelineAsync(emitter, Events("warm-pipe", events / 10), producers: 1);

        // Rounds interleave the paths, so load on the machine and the growth of the database file hit them alike.
        var floor = new Figures();
        var pipelines = new[] { 1, 4 }.ToDictionary(p => p, _ => new Figures());
        for (var r = 0; r < rounds; r++)
        {
            var gen2 = GC.CollectionCount(2);
            var floorElapsed = await FloorAsync(server, Events($"floor-{r}", events), batchSize);
            floor.Add(events, floorElapsed, floorElapsed.TotalMilliseconds, GC.CollectionCount(2) - gen2, new(0, TimeSpan.Zero));
            foreach (var (producers, figures) in pipelines)
            {
                var batch = Events($"pipe-{producers}-{r}", events);
                var storeBefore = storeTime.Milliseconds;
                var pressureBefore = emitter.Pressure;
                gen2 = GC.CollectionCount(2);
                var elapsed = await PipelineAsync(emitter, batch, producers);
                var pressure = emitter.Pressure;
                figures.Add(events, elapsed, storeTime.Milliseconds - storeBefore, GC.CollectionCount(2) - gen2,
                    new(pressure.Waits - pressureBefore.Waits, pressure.WaitedFor - pressureBefore.WaitedFor));
            }
        }
        return [floor.Result("floor", 1), .. pipelines.Select(p => p.Value.Result("pipeline", p.Key))];
    }

    /// <summary>What the rounds of one path measured.</summary>
    private sealed class Figures
    {
        private readonly List<double> _rates = [];
        private double _storeMs;
        private double _wallMs;
        private long _waits;
        private TimeSpan _waited;
        private int _gen2;

        public void Add(int events, TimeSpan elapsed, double storeMs, int gen2, TraceEmitterPressure pressure)
        {
            _rates.Add(events / elapsed.TotalSeconds);
            _wallMs += elapsed.TotalMilliseconds;
            _storeMs += storeMs;
            _gen2 += gen2;
            _waits += pressure.Waits;
            _waited += pressure.WaitedFor;
        }

        public Result Result(string path, int producers) =>
            new(path, producers, _rates.Order().ElementAt(_rates.Count / 2), _waits, _waited, _storeMs / _wallMs, _gen2);
    }

    private static async Task<TimeSpan> FloorAsync(BenchServer server, List<TraceEvent> events, int batchSize)
    {
        var clock = Stopwatch.StartNew();
        foreach (var batch in events.Chunk(batchSize))
        {
            await using var scope = server.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ITraceStore>().AppendAsync(batch, CancellationToken.None);
        }
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> PipelineAsync(TraceEmitter emitter, List<TraceEvent> events, int producers)
    {
        var clock = Stopwatch.StartNew();
        var share = (events.Count + producers - 1) / producers;
        await Task.WhenAll(events.Chunk(share).Select(part => Task.Run(() =>
        {
            foreach (var e in part) emitter.Emit(e);
        })));
        await emitter.FlushAsync();
        return clock.Elapsed;
    }

    /// <summary><paramref name="count"/> NODE_LOG events of one run, shaped as a module's 80-character stdout lines.</summary>
    private static List<TraceEvent> Events(string runId, int count) =>
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


    /// <summary>Sums <c>shipsec.trace.collector.append.duration</c> of one server.</summary>
    private sealed class StoreTime : IDisposable
    {
        private readonly MeterListener _listener = new();
        private double _milliseconds;

        public StoreTime(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "shipsec.trace.collector.append.duration" && ReferenceEquals(instrument.Meter.Scope, meters))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) => Interlocked.Exchange(ref _milliseconds, _milliseconds + value));
            _listener.Start();
        }

        public double Milliseconds => Volatile.Read(ref _milliseconds);

        public void Dispose() => _listener.Dispose();
    }
}
