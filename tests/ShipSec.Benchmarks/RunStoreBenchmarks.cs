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
/// changes; if it grows with the width, every transition pays for the whole run. The second case never finds the state
/// its process saved last, as when a run's transitions are spread over several orchestrator processes.
/// </summary>
[MemoryDiagnoser]
public class RunStoreBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private StoredRunHost _host = null!;
    private StoredRunHost _coldHost = null!;

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
        _host = new StoredRunHost(_database, definition, reuseSavedState: true);
        _coldHost = new StoredRunHost(_database, definition, reuseSavedState: false);
        foreach (var host in new[] { _host, _coldHost })
        {
            var run = await host.RunAsync();
            if (run.Nodes != definition.Actions.Count || run.Transitions != run.Nodes + 2)
                throw new InvalidOperationException($"{Provider}, width {Width}: the stored run made {run.Transitions} transitions over {run.Nodes} nodes");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _database.DisposeAsync();

    [Benchmark(Description = "Engine + run store")]
    public Task<RunSummary> EngineWithRunStore() => _host.RunAsync();

    [Benchmark(Description = "Engine + run store, state read from the rows every time")]
    public Task<RunSummary> EngineWithRunStoreReadingRows() => _coldHost.RunAsync();
}
