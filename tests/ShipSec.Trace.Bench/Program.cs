using System.Globalization;
using System.Runtime.InteropServices;
using ShipSec.Trace.Bench;
using PathKind = ShipSec.Trace.Bench.IngestBenchmark.PathKind;

// Trace-path figures for docs/benchmarks.md. `--profile embedded|postgres` picks the stack (embedded by default; postgres needs
// SHIPSEC_TEST_PG / SHIPSEC_TEST_RABBITMQ); `--quick` is a smoke run, the default the measured run. Prints markdown to paste
// under "Results" in the trace section of docs/benchmarks.md, headings included.
var profile = BenchProfiles.FromArguments(args);
var quick = args.Contains("--quick");
var events = quick ? 20_000 : 200_000;
var rounds = quick ? 1 : 5;
var latencyLines = quick ? 2_000 : 20_000;
// 5000 × 2 is the default (TraceOptions); 5000 × 1 sends a batch only after the previous one is stored, 2000 × 2 is the
// batch size before. (4 in flight measured worse than 2: more batches overtake their predecessor and are sent again.)
(int BatchSize, int InFlight)[] configurations = quick ? [(5000, 2)] : [(5000, 2), (5000, 1), (2000, 2)];
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

await using var load = new MachineLoad();
Console.WriteLine($"### {profile.Describe()}{(quick ? " — quick smoke run, figures rough" : "")}");
Console.WriteLine();
Console.WriteLine($"`dotnet run -c Release --project tests/ShipSec.Trace.Bench -- {string.Join(' ', args)}`".Replace(" -- `", "`"));
Console.WriteLine();
Console.WriteLine($"started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                  $"{RuntimeInformation.OSDescription}; load average {MachineLoad.Now()}");
Console.WriteLine();

var postgres = profile == BenchProfile.Postgres;
Console.WriteLine($"#### Ingest ({events:N0} NODE_LOG events per round; events/s: median of {rounds} round{(rounds == 1 ? "" : "s")}; ratios: median of the per-round ratios)");
Console.WriteLine();
Console.WriteLine("| Path | Batch size | Batches in flight | Producers | Events/s | vs floor |" + (postgres ? " vs one COPY |" : "") +
                  " Time in store | Store ms / batch | CPU ms / 1k events | Emitter waits | Waited | Deferred batches | Gen2 GCs |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |" + (postgres ? " ---: |" : "") + " ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
var breakdowns = new List<(int BatchSize, int InFlight, IngestBenchmark.Breakdown Breakdown)>();
foreach (var (batchSize, inFlight) in configurations)
{
    var (results, configurationBreakdowns) = await IngestBenchmark.RunAsync(profile, events, rounds, batchSize, inFlight);
    breakdowns.AddRange(configurationBreakdowns.Select(b => (batchSize, inFlight, b)));
    var floor = results.Single(r => r.Kind == (postgres ? PathKind.CopyPerBatch : PathKind.Store));
    var oneCopy = results.SingleOrDefault(r => r.Kind == PathKind.CopyAll);
    foreach (var r in results)
    {
        var throughBus = r.Kind is PathKind.Pipeline or PathKind.Discarded;
        var inFlightCell = throughBus ? inFlight.ToString() : "–";
        var batchCell = r.Kind == PathKind.CopyAll ? "all" : batchSize.ToString();
        var waits = throughBus ? $"{r.Waits:N0} | {r.WaitedFor.TotalMilliseconds:N0} ms | {r.DeferredBatches:N0}" : "– | – | –";
        Console.WriteLine($"| {r.Label} | {batchCell} | {inFlightCell} | {r.Producers} | {r.EventsPerSecond:N0} | {r.RatioTo(floor):P0} |" +
                          (oneCopy is { } all ? $" {r.RatioTo(all):P0} |" : "") +
                          $" {(r.StoreShare is { } share ? share.ToString("P0") : "–")} | {(r.StoreMsPerBatch is { } ms ? ms.ToString("N1") : "–")} | {r.CpuMsPerThousand:N0} |" +
                          $" {waits} | {r.Gen2Collections} |");
    }
}

Console.WriteLine();
Console.WriteLine($"#### Where a batch's time goes (one more round per configuration with MassTransit and Npgsql tracing on; ms per batch)");
Console.WriteLine();
Console.WriteLine("| Path | Batch size | Batches in flight | Wall | Emitter send | Collector receive | In store | Store commands | Command time |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (batchSize, inFlight, b) in breakdowns)
{
    static string Ms(double? ms) => ms is { } value ? value.ToString("N1") : "–";
    var throughBus = b.Kind is PathKind.Pipeline or PathKind.Discarded;
    Console.WriteLine($"| {b.Label} | {batchSize} | {(throughBus ? inFlight.ToString() : "–")} | {Ms(b.WallMs)} | {Ms(b.SendMs)} | {Ms(b.ReceiveMs)} | " +
                      $"{Ms(b.StoreMs)} | {(b.Commands is { } n ? n.ToString("N1") : "–")} | {Ms(b.CommandMs)} |");
}

Console.WriteLine();
Console.WriteLine("#### JSON steps of the pipeline, one thread (20,000 of the same events in batches of 500, fastest of 7)");
Console.WriteLine();
Console.WriteLine("| Step | Where | µs / event |");
Console.WriteLine("| --- | --- | ---: |");
var serialization = SerializationCost.Measure(20_000, 500, 7);
foreach (var step in serialization.Steps) Console.WriteLine($"| {step.Name} | {step.Where} | {step.MicrosecondsPerEvent:N1} |");
Console.WriteLine();
Console.WriteLine($"Batch JSON: {serialization.BatchBytesPerEvent:N0} bytes per event.");

Console.WriteLine();
Console.WriteLine("#### Emit-to-SSE latency at 1,000 lines/s");
Console.WriteLine();
Console.WriteLine("| SSE client on | Lines | Rate | Received | p50 | p99 | max |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var l in await LatencyBenchmark.RunAsync(profile, latencyLines, 1000))
{
    Console.WriteLine($"| {l.Client} | {l.Lines:N0} | {l.LinesPerSecond:N0}/s | {l.Received:N0} | {l.P50Ms:N1} ms | {l.P99Ms:N1} ms | {l.MaxMs:N1} ms |");
}

Console.WriteLine();
Console.WriteLine($"finished {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {MachineLoad.Now()}; 1-minute load during the run: {load.Summary()}");
