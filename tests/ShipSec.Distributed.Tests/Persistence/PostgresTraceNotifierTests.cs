using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NUnit.Framework;
using ShipSec.Contracts.Trace;
using ShipSec.Distributed.Tests.Infrastructure;
using static ShipSec.Distributed.Tests.Infrastructure.PostgresTrace;
using ShipSec.Runtime.Persistence.Postgres;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Distributed.Tests.Persistence;

/// <summary>
/// Live views hear of trace batches committed by any process sharing the database: the store notifies inside its transaction,
/// <see cref="PostgresTraceNotifier"/> listens and wakes the subscribers of the run, and reconnects after losing its connection.
/// </summary>
public sealed class PostgresTraceNotifierTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ScratchDatabase _database = null!;
    private PostgresTraceNotifier _notifier = null!;
    private PostgresTrace _trace = null!;

    [SetUp]
    public async Task StartListening()
    {
        _database = await ScratchDatabase.CreateAsync("notify");
        _trace = new PostgresTrace(_database.ConnectionString);
        await _trace.MigrateAsync();
        _notifier = new PostgresTraceNotifier(_database.ConnectionString, NullLogger<PostgresTraceNotifier>.Instance, TimeProvider.System);
        await _notifier.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => _notifier.Listening, "the notifier to listen");
    }

    [TearDown]
    public async Task StopListening()
    {
        await _notifier.StopAsync(CancellationToken.None);
        _notifier.Dispose();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task A_batch_stored_through_another_connection_wakes_the_runs_subscriber_with_its_last_sequence()
    {
        var runId = NewRun();
        var signals = new BlockingCollection<long>();
        using var subscription = _notifier.Subscribe(runId, signals.Add);

        await _trace.AppendAsync(Event(runId, "a"), Event(runId, "b"), Event(runId, "c"));

        Assert.That(signals.TryTake(out var lastSequence, Patience), Is.True, "no notification arrived");
        Assert.That(lastSequence, Is.EqualTo(3));
    }

    [Test]
    public async Task A_subscriber_hears_only_of_its_own_run()
    {
        var watched = NewRun();
        var other = NewRun();
        var signals = new BlockingCollection<long>();
        using var subscription = _notifier.Subscribe(watched, signals.Add);

        await _trace.AppendAsync(Event(other, "a"), Event(other, "b"), Event(other, "c"), Event(other, "d"));
        await _trace.AppendAsync(Event(watched, "a"));

        // Notifications are delivered in commit order, so once the watched run's arrives the other run's has been dispatched.
        Assert.That(signals.TryTake(out var lastSequence, Patience), Is.True, "no notification arrived");
        Assert.That(lastSequence, Is.EqualTo(1));
        Assert.That(signals, Is.Empty);
    }

    [Test]
    public async Task A_batch_of_events_already_stored_notifies_nobody()
    {
        var runId = NewRun();
        var signals = new BlockingCollection<long>();
        using var subscription = _notifier.Subscribe(runId, signals.Add);
        await _trace.AppendAsync(Event(runId, "a"));
        Assert.That(signals.TryTake(out _, Patience), Is.True, "the first batch was not announced");
        var probe = NewRun();
        var probeSignals = new BlockingCollection<long>();
        using var probeSubscription = _notifier.Subscribe(probe, probeSignals.Add);

        await _trace.AppendAsync(Event(runId, "a"));
        await _trace.AppendAsync(Event(probe, "a"));

        // Notifications arrive in commit order: once the probe's is here, a notification of the re-sent batch would be too.
        Assert.That(probeSignals.TryTake(out _, Patience), Is.True, "the probe's notification never arrived");
        Assert.That(signals, Is.Empty, "re-sending a stored event announced growth that did not happen");
    }

    [Test]
    public async Task After_losing_its_connection_the_notifier_reconnects_wakes_every_view_and_delivers_later_batches()
    {
        var runId = NewRun();
        var signals = new BlockingCollection<long>();
        using var subscription = _notifier.Subscribe(runId, signals.Add);

        await TerminateListenerAsync();

        // Back and listening: the view is told to look again (0), as notifications sent meanwhile are lost.
        Assert.That(signals.TryTake(out var wake, Patience), Is.True, "the view was not woken after the reconnect");
        Assert.That(wake, Is.EqualTo(0));
        await WaitUntilAsync(() => _notifier.Listening, "the notifier to listen again");
        await _trace.AppendAsync(Event(runId, "a"), Event(runId, "b"));
        Assert.That(signals.TryTake(out var lastSequence, Patience), Is.True, "no notification arrived after the reconnect");
        Assert.That(lastSequence, Is.EqualTo(2));
    }

    private async Task TerminateListenerAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'shipsec-trace-listener'",
            connection);
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(1L), "expected exactly one listening connection");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Gave up waiting for {what}");
            await Task.Delay(50);
        }
    }
}
