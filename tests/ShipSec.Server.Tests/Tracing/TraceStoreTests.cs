using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Persistence;
using ShipSec.Testing;
using ShipSec.Server.Tests.Infrastructure;

namespace ShipSec.Server.Tests.Tracing;

/// <summary>The trace store on the server's real SQLite database: duplicates by id are dropped, sequences are per run and gap-free.</summary>
public sealed class TraceStoreTests : ServerTests
{
    [Test]
    public async Task Events_already_stored_are_skipped_and_sequences_stay_gap_free()
    {
        var runId = $"run-{Guid.NewGuid():N}";

        var first = await AppendAsync(Event(runId, "a"), Event(runId, "b"));
        var second = await AppendAsync(Event(runId, "b"), Event(runId, "c"), Event(runId, "c"));
        var page = await ReadAsync(runId);

        Assert.That(first.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(second.Select(e => (e.Id, e.Sequence)), Is.EqualTo(new[] { ($"{runId}:c", 3L) }));
        Assert.That(page.Events.Select(e => (e.Id, e.Sequence)),
            Is.EqualTo(new[] { ($"{runId}:a", 1L), ($"{runId}:b", 2L), ($"{runId}:c", 3L) }));
    }

    [Test]
    public async Task Runs_sharing_a_batch_each_get_their_own_sequence()
    {
        var one = $"run-{Guid.NewGuid():N}";
        var two = $"run-{Guid.NewGuid():N}";

        await AppendAsync(Event(one, "a"), Event(two, "a"), Event(one, "b"), Event(two, "b"), Event(two, "c"));

        Assert.That((await ReadAsync(one)).Events.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That((await ReadAsync(two)).Events.Select(e => (e.Id, e.Sequence)),
            Is.EqualTo(new[] { ($"{two}:a", 1L), ($"{two}:b", 2L), ($"{two}:c", 3L) }));
    }

    private static TraceEvent Event(string runId, string name) => new()
    {
        Id = $"{runId}:{name}",
        RunId = runId,
        WorkflowId = "wf",
        NodeId = "node",
        Type = TraceEventType.NodeLog,
        Timestamp = DateTimeOffset.UtcNow,
        Message = name,
    };

    private async Task<IReadOnlyList<StoredTraceEvent>> AppendAsync(params TraceEvent[] events)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITraceStore>().AppendAsync(events, CancellationToken.None);
    }

    private async Task<TracePage> ReadAsync(string runId)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITraceStore>().ReadAsync(runId, 0, 100, CancellationToken.None);
    }
}
