using BenchmarkDotNet.Running;
using ShipSec.Benchmarks;

// `--quick` picks the smoke profile; without `--filter` every benchmark runs instead of BenchmarkDotNet's interactive prompt.
const string quickFlag = "--quick";
var quick = args.Contains(quickFlag);
var forwarded = args.Where(a => a != quickFlag).ToList();
if (!forwarded.Any(a => a is "--filter" or "-f"))
    forwarded.AddRange(["--filter", "*"]);

BenchmarkSwitcher.FromAssembly(typeof(EngineOverheadBenchmarks).Assembly)
    .Run([.. forwarded], quick ? RunProfiles.Quick() : RunProfiles.Measured());
