using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace ShipSec.Trace.Bench;

/// <summary>
/// What the pipeline's JSON steps cost per event on one thread, with the benchmark's NODE_LOG events: the emitter writing a
/// batch's contract JSON, the collector reading it back, and the store writing each event's <c>json</c> and <c>type</c> columns;
/// the last two rows are how the collector and store did it before they passed each event's JSON through.
/// </summary>
public static class SerializationCost
{
    public sealed record Step(string Name, string Where, double MicrosecondsPerEvent);

    public sealed record Result(IReadOnlyList<Step> Steps, double BatchBytesPerEvent);

    public static Result Measure(int events, int batchSize, int repetitions)
    {
        var batches = IngestBenchmark.Events("serialization", events).Chunk(batchSize).ToList();
        var messages = batches.Select(b => new TraceEventBatch(b)).ToList();
        var incoming = messages.Select(m => IncomingTraceEvent.ReadBatch(m.EventsJson)).ToList();
        var steps = new List<Step>
        {
            new("events → batch JSON (`new TraceEventBatch`)", "emitter",
                Fastest(repetitions, events, () => batches.ForEach(b => _ = new TraceEventBatch(b)))),
            new("batch JSON → column fields + each event's JSON (`IncomingTraceEvent.ReadBatch`)", "collector",
                Fastest(repetitions, events, () => messages.ForEach(m => IncomingTraceEvent.ReadBatch(m.EventsJson)))),
            new("event JSON with its sequence → `json` column (`IncomingTraceEvent.JsonWithSequence`)", "store",
                Fastest(repetitions, events, () => incoming.ForEach(b =>
                {
                    foreach (var e in b) _ = e.JsonWithSequence(123_456);
                }))),
            new("before: batch JSON → events (`TraceEventBatch.ReadEvents`)", "collector",
                Fastest(repetitions, events, () => messages.ForEach(m => m.ReadEvents()))),
            new("before: event → `json` + `type` columns (`JsonSerializer.Serialize`, `TracePages.TypeName`)", "store",
                Fastest(repetitions, events, () => batches.ForEach(b =>
                {
                    foreach (var e in b)
                    {
                        _ = JsonSerializer.Serialize(e, ShipSecJson.Options);
                        _ = TracePages.TypeName(e.Type);
                    }
                }))),
        };
        return new Result(steps, messages.Sum(m => (double)m.EventsJson.Length) / events);
    }

    /// <summary>The fastest of <paramref name="repetitions"/> runs after a warm-up: on a shared machine, the one least disturbed.</summary>
    private static double Fastest(int repetitions, int events, Action work)
    {
        work();
        var times = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            work();
            times.Add(clock.Elapsed.TotalMicroseconds / events);
        }
        return times.Min();
    }
}
