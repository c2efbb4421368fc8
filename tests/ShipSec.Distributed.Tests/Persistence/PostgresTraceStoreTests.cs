using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NUnit.Framework;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Distributed.Tests.Infrastructure;
using static ShipSec.Distributed.Tests.Infrastructure.PostgresTrace;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Persistence.Postgres;

namespace ShipSec.Distributed.Tests.Persistence;

/// <summary>The PostgreSQL trace store: duplicates by id dropped, per-run sequences gap-free, also when collectors race.</summary>
public sealed class PostgresTraceStoreTests
{
    private ScratchDatabase _database = null!;
    private PostgresTrace _trace = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await ScratchDatabase.CreateAsync("trace");
        _trace = new PostgresTrace(_database.ConnectionString);
        await _trace.MigrateAsync();
    }

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task Events_already_stored_are_skipped_and_sequences_stay_gap_free()
    {
        var runId = NewRun();

        var first = await _trace.AppendAsync(Event(runId, "a"), Event(runId, "b"));
        var second = await _trace.AppendAsync(Event(runId, "b"), Event(runId, "c"), Event(runId, "c"));
        var page = await _trace.ReadAsync(runId);

        Assert.That(first.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(second.Select(e => (e.Id, e.Sequence)), Is.EqualTo(new[] { ($"{runId}:c", 3L) }));
        Assert.That(page.Events.Select(e => (e.Id, e.Sequence)),
            Is.EqualTo(new[] { ($"{runId}:a", 1L), ($"{runId}:b", 2L), ($"{runId}:c", 3L) }));
    }

    [Test]
    public async Task An_event_counts_as_stored_once_its_batch_committed()
    {
        var runId = NewRun();

        var before = await _trace.ContainsAsync($"{runId}:a");
        await _trace.AppendAsync(Event(runId, "a"));

        Assert.That(before, Is.False);
        Assert.That(await _trace.ContainsAsync($"{runId}:a"), Is.True);
        Assert.That(await _trace.ContainsAsync($"{runId}:b"), Is.False);
    }

    [Test]
    public async Task The_stored_json_is_the_event_with_its_sequence()
    {
        var runId = NewRun();
        var sent = Event(runId, "a") with { Data = JsonDocument.Parse("""{"line":"ünïcode \"q\"","n":[1,2]}""").RootElement };

        await _trace.AppendAsync(Event(runId, "first"), sent);
        var stored = (await _trace.ReadAsync(runId)).Events.Last();

        Assert.That(stored.Sequence, Is.EqualTo(2));
        Assert.That(JsonSerializer.Serialize(stored, ShipSecJson.Options),
            Is.EqualTo(JsonSerializer.Serialize(sent with { Sequence = 2 }, ShipSecJson.Options)));
    }

    [Test]
    public async Task Runs_sharing_a_batch_each_get_their_own_sequence()
    {
        var one = NewRun();
        var two = NewRun();

        await _trace.AppendAsync(Event(one, "a"), Event(two, "a"), Event(one, "b"), Event(two, "b"), Event(two, "c"));

        Assert.That((await _trace.ReadAsync(one)).Events.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That((await _trace.ReadAsync(two)).Events.Select(e => (e.Id, e.Sequence)),
            Is.EqualTo(new[] { ($"{two}:a", 1L), ($"{two}:b", 2L), ($"{two}:c", 3L) }));
    }

    [Test]
    public async Task Collectors_storing_overlapping_batches_at_once_keep_each_event_once_and_sequences_gap_free()
    {
        var runs = Enumerable.Range(0, 3).Select(_ => NewRun()).ToArray();
        var events = runs.SelectMany(run => Enumerable.Range(0, 200).Select(i => Event(run, $"e{i}"))).ToArray();
        // Eight collectors each store every event, in overlapping chunks and different orders of chunks.
        var collectors = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            foreach (var chunk in events.Chunk(37).Skip(c).Concat(events.Chunk(37).Take(c)))
                await _trace.AppendAsync(chunk);
        }));

        await Task.WhenAll(collectors);

        foreach (var run in runs)
        {
            var stored = (await _trace.ReadAsync(run, limit: 1000)).Events;
            Assert.That(stored.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, 200).Select(i => (long)i)));
            Assert.That(stored.Select(e => e.Id).Distinct().Count(), Is.EqualTo(200));
        }
    }
}
