using BenchmarkDotNet.Attributes;
using ShipSec.Benchmarks.Hosts;
using ShipSec.Benchmarks.Persistence;
using ShipSec.Benchmarks.Workloads;
using ShipSec.Runtime.Configuration;

namespace ShipSec.Benchmarks;

/// <summary>
/// What a durable host pays to persist a run, per transition, as the run grows: one whole fan-out / fan-in run of
/// doubling width through the runtime's run store on SQLite (and on PostgreSQL when <c>SHIPSEC_TEST_PG</c> is set),
/// one transaction per engine input as the orchestrator makes it. If µs/node stays flat, a transition costs what it
/// changes; if it grows with the width, every transition pays for the whole run.
/// </summary>
[MemoryDiagnoser]
public class RunStoreBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private StoredRunHost _host = null!;

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    [Params(10, 100, 400)]
    public int Width { get; set; }

    public static IEnumerable<DatabaseProvider> Providers() => BenchmarkDatabase.Available();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var definition = WorkloadGraphs.FanOutIn(Width);
        _database = await BenchmarkDatabase.CreateAsync(Provider);
        _host = new StoredRunHost(_database, definition);
        var run = await _host.RunAsync();
        if (run.Nodes != definition.Actions.Count || run.Transitions != run.Nodes + 2)
            throw new InvalidOperationException($"{Provider}, width {Width}: the stored run made {run.Transitions} transitions over {run.Nodes} nodes");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _database.DisposeAsync();

    [Benchmark(Description = "Engine + run store")]
    public Task<RunSummary> EngineWithRunStore() => _host.RunAsync();
}
