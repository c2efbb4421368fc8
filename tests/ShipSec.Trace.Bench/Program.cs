using System.Globalization;
using ShipSec.Trace.Bench;

// Trace-path figures on the embedded profile. `--quick` is a smoke run; the default is the measured run for docs/benchmarks.md.
var quick = args.Contains("--quick");
var events = quick ? 20_000 : 200_000;
var rounds = quick ? 1 : 3;
var latencyLines = quick ? 2_000 : 20_000;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

Console.WriteLine($"# Trace ingest, embedded profile ({events:N0} NODE_LOG events per round, median of {rounds})");
Console.WriteLine();
Console.WriteLine("| Path | Batch size | Batches in flight | Producers | Events/s | vs floor | Time in store | Emitter waits | Waited | Gen2 GCs |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (batchSize, inFlight) in new[] { (500, 1), (500, 2), (2000, 1) })
{
    var results = await IngestBenchmark.RunAsync(events, rounds, batchSize, inFlight);
    var floor = results.Single(r => r.Path == "floor").EventsPerSecond;
    foreach (var r in results)
    {
        var label = r.Path == "floor" ? "store only (floor)" : "emitter → bus → collector → SQLite";
        Console.WriteLine($"| {label} | {batchSize} | {(r.Path == "floor" ? "–" : inFlight.ToString())} | {r.Producers} | {r.EventsPerSecond:N0} | " +
                          $"{r.EventsPerSecond / floor:P0} | {r.StoreShare:P0} | {r.Waits:N0} | {r.WaitedFor.TotalMilliseconds:N0} ms | {r.Gen2Collections} |");
    }
}

Console.WriteLine();
Console.WriteLine("# Emit-to-SSE latency, embedded profile");
Console.WriteLine();
Console.WriteLine("| Lines | Rate | Received | p50 | p99 | max |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
var latency = await LatencyBenchmark.RunAsync(latencyLines, 1000);
Console.WriteLine($"| {latency.Lines:N0} | {latency.LinesPerSecond:N0}/s | {latency.Received:N0} | {latency.P50Ms:N1} ms | {latency.P99Ms:N1} ms | {latency.MaxMs:N1} ms |");
