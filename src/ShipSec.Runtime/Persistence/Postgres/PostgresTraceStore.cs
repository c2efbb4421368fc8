using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ShipSec.Runtime.Persistence.Postgres;

/// <summary>
/// <see cref="ITraceStore"/> for PostgreSQL. One transaction per batch and three round trips whatever its size: (1) advance
/// the counter row of every run in the batch by its number of events (created on first use; locked until commit) and queue a
/// <c>NOTIFY</c> on <see cref="NotifyChannel"/> per run; (2) binary <c>COPY</c> the events with the sequences just allocated;
/// (3) commit, which is when PostgreSQL delivers the notifications. A batch holding an event already stored (a redelivery,
/// or two collectors storing the same events) fails on the unique index, rolls back (counters and notifications with it),
/// and is stored again the careful way: lock the counters, look up the known ids after the locks — so it sees what a
/// competing collector committed while this one waited — and allocate sequences only for the new events. Sequences stay
/// gap-free either way.
/// </summary>
public sealed class PostgresTraceStore(ShipSecDbContext db) : ITraceStore
{
    /// <summary>The channel a committed batch notifies, with the payload <c>{runId} {lastSequence}</c> for each run it grew.</summary>
    public const string NotifyChannel = "shipsec_trace";

    private const string CopyCommand =
        """COPY trace_events (run_id, sequence, event_id, type, node_id, "timestamp", json) FROM STDIN (FORMAT BINARY)""";

    public async Task<IReadOnlyList<StoredTraceEvent>> AppendAsync(IReadOnlyList<IncomingTraceEvent> events, CancellationToken cancellationToken)
    {
        var distinct = events.DistinctBy(e => e.Id, StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return [];

        // Almost every batch is new: store it without looking its ids up first. The unique index on event_id still guards
        // every row, so a batch that holds a stored event (a redelivery, a second collector) fails as a whole and is
        // stored again the careful way, which skips what is there.
        try
        {
            return await AppendInTransactionAsync(distinct, lookUpKnownIds: false, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Rolled back; the careful way below.
        }
        try
        {
            return await AppendInTransactionAsync(distinct, lookUpKnownIds: true, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Known ids were filtered under the counter locks, so only an event id reused by another run gets here; the
            // transaction is rolled back, which keeps the sequences gap-free.
            throw new InvalidOperationException($"A trace event id of this batch already belongs to another run: {e.Detail ?? e.MessageText}", e);
        }
    }

    private async Task<IReadOnlyList<StoredTraceEvent>> AppendInTransactionAsync(List<IncomingTraceEvent> distinct, bool lookUpKnownIds,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var tx = (NpgsqlTransaction)transaction.GetDbTransaction();

        List<(IncomingTraceEvent Event, long Sequence)> stored;
        if (lookUpKnownIds)
        {
            var runs = distinct.Select(e => e.RunId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var (next, known) = await LockCountersAsync(connection, tx, runs, distinct, cancellationToken);
            stored = Sequence(distinct.Where(e => !known.Contains(e.Id)), next);
            if (stored.Count == 0) return [];
            await CopyAsync(connection, stored, cancellationToken);
            await SaveCountersAsync(connection, tx, stored, next, cancellationToken);
        }
        else
        {
            var first = await AllocateAsync(connection, tx, distinct, cancellationToken);
            stored = Sequence(distinct, first);
            await CopyAsync(connection, stored, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return stored.ConvertAll(s => new StoredTraceEvent(s.Event.Id, s.Event.RunId, s.Sequence));
    }

    /// <summary>Numbers <paramref name="events"/> in order from each run's next sequence in <paramref name="next"/> (advanced as it goes).</summary>
    private static List<(IncomingTraceEvent Event, long Sequence)> Sequence(IEnumerable<IncomingTraceEvent> events, Dictionary<string, long> next)
    {
        var sequenced = new List<(IncomingTraceEvent, long)>();
        foreach (var e in events) sequenced.Add((e, next[e.RunId]++));
        return sequenced;
    }

    /// <summary>
    /// The optimistic path's one round trip before the COPY: advances every run's counter by its number of events (creating it
    /// where missing; the row stays locked until commit, in run-id order like the careful path) and queues each run's
    /// notification; returns each run's first sequence for this batch.
    /// </summary>
    private static async Task<Dictionary<string, long>> AllocateAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        List<IncomingTraceEvent> events, CancellationToken cancellationToken)
    {
        var counts = events.CountBy(e => e.RunId, StringComparer.Ordinal).OrderBy(c => c.Key, StringComparer.Ordinal).ToArray();
        await using var command = new NpgsqlCommand($"""
            WITH counts AS (SELECT * FROM unnest($1, $2) AS v(run_id, n)),
            advanced AS (
                INSERT INTO run_trace_counters AS c (run_id, next_sequence)
                SELECT run_id, n + 1 FROM counts ORDER BY run_id
                ON CONFLICT (run_id) DO UPDATE SET next_sequence = c.next_sequence + excluded.next_sequence - 1
                RETURNING c.run_id, c.next_sequence)
            SELECT a.run_id, a.next_sequence, pg_notify('{NotifyChannel}', a.run_id || ' ' || (a.next_sequence - 1)) FROM advanced a
            """, connection, tx)
        {
            Parameters =
            {
                Array(counts.Select(c => c.Key).ToArray(), NpgsqlDbType.Text),
                Array(counts.Select(c => (long)c.Value).ToArray(), NpgsqlDbType.Bigint),
            },
        };
        var first = new Dictionary<string, long>(counts.Length, StringComparer.Ordinal);
        var sizes = counts.ToDictionary(c => c.Key, c => (long)c.Value, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var run = reader.GetString(0);
            first[run] = reader.GetInt64(1) - sizes[run];
        }
        return first;
    }

    public Task<TracePage> ReadAsync(string runId, long after, int limit, CancellationToken cancellationToken) =>
        TracePages.ReadAsync(db, runId, after, limit, cancellationToken);

    public Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken) =>
        TracePages.ContainsAsync(db, eventId, cancellationToken);

    /// <summary>Locks (creating where missing) the counters of <paramref name="runs"/>, in id order, then reads which of <paramref name="events"/> are stored already.</summary>
    private static async Task<(Dictionary<string, long> Next, HashSet<string> Known)> LockCountersAsync(NpgsqlConnection connection,
        NpgsqlTransaction tx, string[] runs, List<IncomingTraceEvent> events, CancellationToken cancellationToken)
    {
        // One round trip: the statements of a batch run in order, and under READ COMMITTED the id lookup, which runs after
        // the locks are granted, sees every event a competing collector committed while this one waited.
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("INSERT INTO run_trace_counters (run_id, next_sequence) SELECT unnest($1), 1 ON CONFLICT (run_id) DO NOTHING")
                {
                    Parameters = { Array(runs, NpgsqlDbType.Text) },
                },
                new NpgsqlBatchCommand("SELECT run_id, next_sequence FROM run_trace_counters WHERE run_id = ANY($1) ORDER BY run_id FOR UPDATE")
                {
                    Parameters = { Array(runs, NpgsqlDbType.Text) },
                },
                new NpgsqlBatchCommand("SELECT event_id FROM trace_events WHERE event_id = ANY($1)")
                {
                    Parameters = { Array(events.Select(e => e.Id).ToArray(), NpgsqlDbType.Text) },
                },
            },
        };
        var next = new Dictionary<string, long>(StringComparer.Ordinal);
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) next[reader.GetString(0)] = reader.GetInt64(1);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) known.Add(reader.GetString(0));
        return (next, known);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<(IncomingTraceEvent Event, long Sequence)> events,
        CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken);
        foreach (var (e, sequence) in events)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(e.RunId, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(e.Id, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(e.Type, NpgsqlDbType.Varchar, cancellationToken);
            if (e.NodeId is null) await writer.WriteNullAsync(cancellationToken);
            else await writer.WriteAsync(e.NodeId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(e.Timestamp.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(e.JsonWithSequence(sequence), NpgsqlDbType.Text, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>Advances the counters and queues one notification per run the batch grew (sent by PostgreSQL at commit, never before).</summary>
    private static async Task SaveCountersAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        List<(IncomingTraceEvent Event, long Sequence)> stored, Dictionary<string, long> next, CancellationToken cancellationToken)
    {
        var grown = stored.Select(e => e.Event.RunId).Distinct(StringComparer.Ordinal).ToArray();
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    UPDATE run_trace_counters c SET next_sequence = v.next
                    FROM unnest($1, $2) AS v(run_id, next) WHERE c.run_id = v.run_id
                    """)
                {
                    Parameters = { Array(next.Keys.ToArray(), NpgsqlDbType.Text), Array(next.Values.ToArray(), NpgsqlDbType.Bigint) },
                },
                new NpgsqlBatchCommand($"SELECT pg_notify('{NotifyChannel}', v.run_id || ' ' || v.last) FROM unnest($1, $2) AS v(run_id, last)")
                {
                    Parameters = { Array(grown, NpgsqlDbType.Text), Array(grown.Select(r => next[r] - 1).ToArray(), NpgsqlDbType.Bigint) },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
