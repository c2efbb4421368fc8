using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Persistence.Postgres;

/// <summary>
/// <see cref="ITraceStore"/> for PostgreSQL. One transaction per batch, a handful of statements whatever its size:
/// lock the counter row of every run in the batch (created on first use), drop ids already stored, insert the rest
/// in one multi-row statement with the next sequences, advance the counters. Locking the counter before looking
/// for known ids is what keeps sequences gap-free when two collectors store the same events at once: the second
/// waits, then sees them as known and allocates nothing for them.
/// </summary>
public sealed class PostgresTraceStore(ShipSecDbContext db) : ITraceStore
{
    public async Task<IReadOnlyList<TraceEvent>> AppendAsync(IReadOnlyList<TraceEvent> events, CancellationToken cancellationToken)
    {
        var distinct = events.DistinctBy(e => e.Id, StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return [];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var tx = (NpgsqlTransaction)transaction.GetDbTransaction();
        var runs = distinct.Select(e => e.RunId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

        var next = await LockCountersAsync(connection, tx, runs, cancellationToken);
        var known = await KnownIdsAsync(connection, tx, distinct, cancellationToken);
        var stored = new List<TraceEvent>(distinct.Count);
        foreach (var e in distinct)
        {
            if (known.Contains(e.Id)) continue;
            stored.Add(e with { Sequence = next[e.RunId]++ });
        }
        if (stored.Count == 0) return [];

        var inserted = await InsertAsync(connection, tx, stored, cancellationToken);
        if (inserted != stored.Count)
        {
            // Only an event id reused by another run can get here; rolling back keeps the sequences gap-free.
            throw new InvalidOperationException($"{stored.Count - inserted} trace event id(s) of this batch already belong to another run.");
        }
        await SaveCountersAsync(connection, tx, next, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public Task<TracePage> ReadAsync(string runId, long after, int limit, CancellationToken cancellationToken) =>
        TracePages.ReadAsync(db, runId, after, limit, cancellationToken);

    private static async Task<Dictionary<string, long>> LockCountersAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string[] runs,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("INSERT INTO run_trace_counters (run_id, next_sequence) SELECT unnest($1), 1 ON CONFLICT (run_id) DO NOTHING")
                {
                    Parameters = { new NpgsqlParameter { Value = runs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } },
                },
                new NpgsqlBatchCommand("SELECT run_id, next_sequence FROM run_trace_counters WHERE run_id = ANY($1) ORDER BY run_id FOR UPDATE")
                {
                    Parameters = { new NpgsqlParameter { Value = runs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } },
                },
            },
        };
        var next = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) next[reader.GetString(0)] = reader.GetInt64(1);
        return next;
    }

    private static async Task<HashSet<string>> KnownIdsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<TraceEvent> events,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT event_id FROM trace_events WHERE event_id = ANY($1)", connection, tx)
        {
            Parameters = { new NpgsqlParameter { Value = events.Select(e => e.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } },
        };
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) known.Add(reader.GetString(0));
        return known;
    }

    private static async Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<TraceEvent> events,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO trace_events (run_id, sequence, event_id, type, node_id, "timestamp", json)
            SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (event_id) DO NOTHING
            """, connection, tx)
        {
            Parameters =
            {
                Array(events.Select(e => e.RunId).ToArray(), NpgsqlDbType.Text),
                Array(events.Select(e => e.Sequence).ToArray(), NpgsqlDbType.Bigint),
                Array(events.Select(e => e.Id).ToArray(), NpgsqlDbType.Text),
                Array(events.Select(e => TracePages.TypeName(e.Type)).ToArray(), NpgsqlDbType.Text),
                Array(events.Select(e => e.NodeId).ToArray(), NpgsqlDbType.Text),
                Array(events.Select(e => e.Timestamp.ToUniversalTime()).ToArray(), NpgsqlDbType.TimestampTz),
                Array(events.Select(e => JsonSerializer.Serialize(e, ShipSecJson.Options)).ToArray(), NpgsqlDbType.Text),
            },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task SaveCountersAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Dictionary<string, long> next,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE run_trace_counters c SET next_sequence = v.next
            FROM unnest($1, $2) AS v(run_id, next) WHERE c.run_id = v.run_id
            """, connection, tx)
        {
            Parameters =
            {
                Array(next.Keys.ToArray(), NpgsqlDbType.Text),
                Array(next.Values.ToArray(), NpgsqlDbType.Bigint),
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
