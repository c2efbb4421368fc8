using System.Data;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Persistence.Sqlite;

/// <summary>
/// <see cref="ITraceStore"/> for SQLite. Appending is the hot path, so it uses prepared statements on the context's
/// connection in one immediate (write-locked) transaction: skip known ids, take each run's next sequences from
/// <c>run_trace_counters</c>, insert, advance the counters, commit. Reads go through EF.
/// </summary>
public sealed class SqliteTraceStore(ShipSecDbContext db) : ITraceStore
{
    public async Task<IReadOnlyList<StoredTraceEvent>> AppendAsync(IReadOnlyList<IncomingTraceEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return [];

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);

            var known = await KnownIdsAsync(connection, transaction, events, cancellationToken);
            var fresh = events.Where(e => known.Add(e.Id)).ToList();
            if (fresh.Count == 0) return [];

            var stored = new List<StoredTraceEvent>(fresh.Count);
            await using var insert = InsertCommand(connection, transaction);
            foreach (var run in fresh.GroupBy(e => e.RunId, StringComparer.Ordinal))
            {
                var next = await NextSequenceAsync(connection, transaction, run.Key, cancellationToken);
                foreach (var e in run)
                {
                    var sequence = next++;
                    insert.Parameters["$run"].Value = e.RunId;
                    insert.Parameters["$sequence"].Value = sequence;
                    insert.Parameters["$id"].Value = e.Id;
                    insert.Parameters["$type"].Value = e.Type;
                    insert.Parameters["$node"].Value = (object?)e.NodeId ?? DBNull.Value;
                    insert.Parameters["$timestamp"].Value = e.Timestamp.UtcTicks;
                    insert.Parameters["$json"].Value = e.JsonWithSequence(sequence);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    stored.Add(new StoredTraceEvent(e.Id, e.RunId, sequence));
                }
                await SaveNextSequenceAsync(connection, transaction, run.Key, next, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return stored;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task<TracePage> ReadAsync(string runId, long after, int limit, CancellationToken cancellationToken) =>
        TracePages.ReadAsync(db, runId, after, limit, cancellationToken);

    public Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken) =>
        TracePages.ContainsAsync(db, eventId, cancellationToken);

    private static async Task<HashSet<string>> KnownIdsAsync(SqliteConnection connection, SqliteTransaction transaction,
        IReadOnlyList<IncomingTraceEvent> events, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT event_id FROM trace_events WHERE event_id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(events.Select(e => e.Id).Distinct()));
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) known.Add(reader.GetString(0));
        return known;
    }

    private static async Task<long> NextSequenceAsync(SqliteConnection connection, SqliteTransaction transaction, string runId,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT next_sequence FROM run_trace_counters WHERE run_id = $run";
        command.Parameters.AddWithValue("$run", runId);
        return await command.ExecuteScalarAsync(cancellationToken) is long next ? next : 1;
    }

    private static async Task SaveNextSequenceAsync(SqliteConnection connection, SqliteTransaction transaction, string runId, long next,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO run_trace_counters (run_id, next_sequence) VALUES ($run, $next)
            ON CONFLICT (run_id) DO UPDATE SET next_sequence = excluded.next_sequence
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$next", next);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand InsertCommand(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO trace_events (run_id, sequence, event_id, type, node_id, timestamp, json)
            VALUES ($run, $sequence, $id, $type, $node, $timestamp, $json)
            """;
        foreach (var name in new[] { "$run", "$sequence", "$id", "$type", "$node", "$timestamp", "$json" })
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }
}
