using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using NUnit.Framework;
using ShipSec.Distributed.Tests.Infrastructure;

namespace ShipSec.Distributed.Tests.Benchmarks;

/// <summary>
/// Runs per second and per-node overhead of the embedded profile (SQLite + in-memory bus) and the production profile
/// (PostgreSQL + RabbitMQ, one process and split roles), each a server process on this machine, with the floor beside
/// them: how many single-row commits PostgreSQL does per second here. A wide run (one entry node fanning out to 200)
/// shows whether a node's cost grows with the size of its run. Prints a markdown table; asserts nothing about
/// speed. Run with <c>dotnet test tests/ShipSec.Distributed.Tests --filter Category=Benchmark</c>.
/// </summary>
[Explicit("benchmark: minutes of load, figures for docs/benchmarks.md")]
[Category("Benchmark")]
public sealed class ProfileBenchmark
{
    private const int ChainLength = 20;
    private const int Runs = 100;
    private const int RunWidth = 9;
    private const int FanOutWidth = 200;
    private const int FloorCommits = 3000;

    private readonly StringBuilder _report = new();

    [Test]
    [CancelAfter(1_800_000)]
    public async Task Runs_per_second_and_per_node_overhead_next_to_the_postgres_commit_floor()
    {
        _report.AppendLine("| profile | chain of 21 nodes: ms per node | fan-out of 201 nodes: ms per node | 100 runs × 10 nodes: runs/s | nodes/s | ms per node |");
        _report.AppendLine("| --- | --- | --- | --- | --- | --- |");

        await MeasureEmbeddedAsync();
        await MeasureProductionAsync("PostgreSQL + RabbitMQ, role all", ["all"]);
        await MeasureProductionAsync("PostgreSQL + RabbitMQ, api + worker + collector", ["api", "worker", "collector"]);
        await MeasureFloorAsync();

        TestContext.Out.WriteLine(_report.ToString());
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "distributed-benchmark.md");
        await File.WriteAllTextAsync(file, _report.ToString());
        TestContext.Out.WriteLine($"written to {file}");
    }

    private async Task MeasureEmbeddedAsync()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "shipsec-bench", Guid.NewGuid().ToString("N"));
        using var server = ServerProcess.Start("all", new Dictionary<string, string> { ["ShipSec__DataPath"] = dataPath });
        try
        {
            await server.WaitStartedAsync();
            await MeasureAsync("embedded: SQLite + in-memory bus", new Api(server.Http));
        }
        finally
        {
            server.Kill();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private async Task MeasureProductionAsync(string label, string[] roles)
    {
        await using var cluster = await Cluster.CreateAsync("bench");
        ServerProcess? api = null;
        foreach (var role in roles)
        {
            var server = await cluster.StartAsync(role);
            api ??= server;
        }
        await MeasureAsync(label, new Api(api!.Http));
    }

    private async Task MeasureAsync(string label, Api api)
    {
        var chain = await api.CreateWorkflowAsync(Graphs.SleepChain(ChainLength, sleepMs: 0));
        var fanOut = await api.CreateWorkflowAsync(Graphs.SleepFanOut(FanOutWidth, sleepMs: 0));
        var lanes = await api.CreateWorkflowAsync(Graphs.SleepLanes(lanes: 3, depth: RunWidth / 3, sleepMs: 0));

        // Warm-up: JIT, connection pools, broker topology.
        await api.StartRunAsync(chain);
        await CompletedAsync(api, chain, 1);
        await api.StartRunAsync(fanOut);
        await CompletedAsync(api, fanOut, 1);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.StartRunAsync(lanes)));
        await CompletedAsync(api, lanes, 10);

        var latency = Stopwatch.StartNew();
        await api.StartRunAsync(chain);
        await CompletedAsync(api, chain, 2);
        var perChainNode = latency.Elapsed.TotalMilliseconds / (ChainLength + 1);

        var wide = Stopwatch.StartNew();
        await api.StartRunAsync(fanOut);
        await CompletedAsync(api, fanOut, 2);
        var perFanOutNode = wide.Elapsed.TotalMilliseconds / (FanOutWidth + 1);

        var throughput = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => api.StartRunAsync(lanes)));
        await CompletedAsync(api, lanes, 10 + Runs);
        var seconds = throughput.Elapsed.TotalSeconds;
        var nodes = Runs * (RunWidth + 1);

        _report.AppendLine(CultureInfo.InvariantCulture,
            $"| {label} | {perChainNode:F1} | {perFanOutNode:F1} | {Runs / seconds:F1} | {nodes / seconds:F0} | {seconds * 1000 / nodes:F2} |");
    }

    private async Task MeasureFloorAsync()
    {
        await using var database = await ScratchDatabase.CreateAsync("floor");
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var create = source.CreateCommand("CREATE TABLE floor (id bigserial PRIMARY KEY, run_id text, body text)"))
            await create.ExecuteNonQueryAsync();

        var serial = await CommitsPerSecondAsync(source, connections: 1);
        var parallel = await CommitsPerSecondAsync(source, connections: 16);
        _report.AppendLine();
        _report.AppendLine(CultureInfo.InvariantCulture,
            $"Floor: PostgreSQL single-row INSERT commits on this machine: {serial:F0}/s on one connection, {parallel:F0}/s over 16 connections.");
    }

    private static async Task<double> CommitsPerSecondAsync(NpgsqlDataSource source, int connections)
    {
        var perConnection = FloorCommits / connections;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            await using var connection = await source.OpenConnectionAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO floor (run_id, body) VALUES ($1, $2)", connection)
            {
                Parameters = { new() { Value = $"run-{c}" }, new() { Value = "{}" } },
            };
            await insert.PrepareAsync();
            for (var i = 0; i < perConnection; i++) await insert.ExecuteNonQueryAsync();
        }));
        return perConnection * connections / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Waits until <paramref name="count"/> runs of the workflow completed, looking often so the wait adds little.</summary>
    private static async Task CompletedAsync(Api api, string workflowId, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while ((await api.GetAsync($"/api/v1/workflows/runs?workflowId={workflowId}&status=COMPLETED&limit=200"))["runs"]!.AsArray().Count < count)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{count} runs of {workflowId} did not complete in time");
            await Task.Delay(20);
        }
    }
}
