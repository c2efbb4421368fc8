using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;
using ShipSec.Testing;
using ShipSec.Trace.Tests.Infrastructure;

namespace ShipSec.Trace.Tests.Collector;

/// <summary>The collector on the server's real bus and SQLite database: acknowledgements after commit, duplicates, concurrent collectors.</summary>
public sealed class CollectorTests
{
    private TraceServer _server = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new TraceServer();
        _server.Start();
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task A_batch_sent_again_is_acknowledged_but_stored_only_once()
    {
        var runId = NewRunId();
        var batch = new TraceEventBatch([Event(runId, "a"), Event(runId, "b"), Event(runId, "c")]);
        var client = _server.Services.GetRequiredService<IBus>().CreateRequestClient<TraceEventBatch>();

        var first = await client.GetResponse<TraceBatchStored>(batch);
        var again = await client.GetResponse<TraceBatchStored>(batch);
        var stored = await ReadAsync(runId);

        Assert.That(first.Message, Is.EqualTo(new TraceBatchStored(3, 3)));
        Assert.That(again.Message, Is.EqualTo(new TraceBatchStored(3, 0)));
        Assert.That(stored.Select(e => (e.Id, e.Sequence)), Is.EqualTo(new[] { ($"{runId}/a", 1L), ($"{runId}/b", 2L), ($"{runId}/c", 3L) }));
    }

    [Test]
    public async Task An_acknowledged_batch_is_already_readable()
    {
        var runId = NewRunId();
        var client = _server.Services.GetRequiredService<IBus>().CreateRequestClient<TraceEventBatch>();

        await client.GetResponse<TraceBatchStored>(new TraceEventBatch([Event(runId, "x")]));

        Assert.That((await ReadAsync(runId)).Select(e => e.Id), Is.EqualTo(new[] { $"{runId}/x" }));
    }

    [Test]
    public async Task A_batch_whose_predecessor_is_not_stored_yet_is_deferred_and_writes_nothing()
    {
        var runId = NewRunId();
        var first = new TraceEventBatch([Event(runId, "a"), Event(runId, "b")]);
        var second = new TraceEventBatch([Event(runId, "c")], after: $"{runId}/b");
        var client = _server.Services.GetRequiredService<IBus>().CreateRequestClient<TraceEventBatch>();

        var early = await client.GetResponse<TraceBatchStored, TraceBatchDeferred>(second);
        var afterEarly = await ReadAsync(runId);
        await client.GetResponse<TraceBatchStored>(first);
        var again = await client.GetResponse<TraceBatchStored, TraceBatchDeferred>(second);

        Assert.That(early.Is(out Response<TraceBatchDeferred>? deferred), Is.True);
        Assert.That(deferred!.Message.After, Is.EqualTo($"{runId}/b"));
        Assert.That(afterEarly, Is.Empty);
        Assert.That(again.Is(out Response<TraceBatchStored>? stored), Is.True);
        Assert.That(stored!.Message, Is.EqualTo(new TraceBatchStored(1, 1)));
        Assert.That((await ReadAsync(runId)).Select(e => (e.Id, e.Sequence)),
            Is.EqualTo(new[] { ($"{runId}/a", 1L), ($"{runId}/b", 2L), ($"{runId}/c", 3L) }));
        Assert.That(_server.Total("shipsec.trace.collector.batches.deferred"), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task Two_collectors_appending_to_one_run_at_once_allocate_gap_free_sequences()
    {
        var runId = NewRunId();

        async Task Collector(string name)
        {
            for (var batch = 0; batch < 40; batch++)
            {
                await using var scope = _server.Services.CreateAsyncScope();
                var events = Enumerable.Range(0, 25).Select(i => Event(runId, $"{name}-{batch}-{i}")).ToList();
                await scope.ServiceProvider.GetRequiredService<ITraceStore>().AppendAsync(events, CancellationToken.None);
            }
        }
        await Task.WhenAll(Task.Run(() => Collector("one")), Task.Run(() => Collector("two")));
        var stored = await ReadAsync(runId);

        Assert.That(stored.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, 2000).Select(i => (long)i)));
        Assert.That(stored.Select(e => e.Id).Distinct().Count(), Is.EqualTo(2000));
    }

    private static string NewRunId() => $"run-{Guid.NewGuid():N}";

    private static TraceEvent Event(string runId, string name) => new()
    {
        Id = $"{runId}/{name}",
        RunId = runId,
        WorkflowId = "wf",
        NodeId = "node",
        Type = TraceEventType.NodeLog,
        Timestamp = DateTimeOffset.UtcNow,
        Message = name,
    };

    private async Task<IReadOnlyList<TraceEvent>> ReadAsync(string runId)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ITraceStore>().ReadAsync(runId, 0, 5000, CancellationToken.None)).Events;
    }
}
