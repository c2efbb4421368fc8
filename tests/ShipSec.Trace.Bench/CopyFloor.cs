using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Trace.Bench;

/// <summary>
/// The floor of the PostgreSQL profile: trace rows written with binary <c>COPY</c> straight into <c>trace_events</c>, with the
/// columns <c>PostgresTraceStore</c> fills — no bus, no sequence counters, no duplicate check, rows prepared before the clock starts.
/// </summary>
public static class CopyFloor
{
    /// <summary>One <c>trace_events</c> row as the store writes it; <c>Json</c> is the event's contract JSON.</summary>
    public sealed record Row(string RunId, long Sequence, string EventId, string Type, string? NodeId, DateTime Timestamp, string Json);

    /// <summary>The rows of <paramref name="events"/> (one run), numbered 1..n in order.</summary>
    public static List<Row> Rows(IReadOnlyList<TraceEvent> events) =>
        events.Select((e, i) =>
        {
            var stored = e with { Sequence = i + 1 };
            return new Row(stored.RunId, stored.Sequence, stored.Id, TracePages.TypeName(stored.Type), stored.NodeId,
                stored.Timestamp.UtcDateTime, JsonSerializer.Serialize(stored, ShipSecJson.Options));
        }).ToList();

    /// <summary>Writes <paramref name="rows"/> with one COPY (so one commit) per <paramref name="rowsPerCopy"/> rows, on one connection.</summary>
    public static async Task CopyAsync(string connectionString, IReadOnlyList<Row> rows, int rowsPerCopy)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var chunk in rows.Chunk(rowsPerCopy))
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                """COPY trace_events (run_id, sequence, event_id, type, node_id, "timestamp", json) FROM STDIN (FORMAT BINARY)""");
            foreach (var row in chunk)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(row.RunId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Sequence, NpgsqlDbType.Bigint);
                await copy.WriteAsync(row.EventId, NpgsqlDbType.Text);
                await copy.WriteAsync(row.Type, NpgsqlDbType.Varchar);
                if (row.NodeId is null) await copy.WriteNullAsync();
                else await copy.WriteAsync(row.NodeId, NpgsqlDbType.Text);
                await copy.WriteAsync(row.Timestamp, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.Json, NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
    }
}
