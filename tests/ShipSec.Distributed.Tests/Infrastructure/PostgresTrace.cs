using Microsoft.EntityFrameworkCore;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Persistence;
using ShipSec.Testing;
using ShipSec.Runtime.Persistence.Postgres;

namespace ShipSec.Distributed.Tests.Infrastructure;

/// <summary>The PostgreSQL trace store of one scratch database, each call on a connection of its own, as separate collectors use it.</summary>
public sealed class PostgresTrace(string connectionString)
{
    /// <summary>A run id no other test uses.</summary>
    public static string NewRun() => $"run-{Guid.NewGuid():N}";

    /// <summary>A NODE_LOG event of <paramref name="runId"/> with id <c>{runId}:{name}</c>.</summary>
    public static TraceEvent Event(string runId, string name) => new()
    {
        Id = $"{runId}:{name}",
        RunId = runId,
        WorkflowId = "wf",
        NodeId = "node",
        Type = TraceEventType.NodeLog,
        Timestamp = DateTimeOffset.UtcNow,
        Message = name,
    };

    public PostgresShipSecDbContext Context() =>
        new(new DbContextOptionsBuilder<PostgresShipSecDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>Applies the migrations, so the store's tables exist.</summary>
    public async Task MigrateAsync()
    {
        await using var db = Context();
        await db.Database.MigrateAsync();
    }

    public async Task<IReadOnlyList<StoredTraceEvent>> AppendAsync(params TraceEvent[] events)
    {
        await using var db = Context();
        return await new PostgresTraceStore(db).AppendAsync(events, CancellationToken.None);
    }

    public async Task<bool> ContainsAsync(string eventId)
    {
        await using var db = Context();
        return await new PostgresTraceStore(db).ContainsAsync(eventId, CancellationToken.None);
    }

    public async Task<TracePage> ReadAsync(string runId, int limit = 100)
    {
        await using var db = Context();
        return await new PostgresTraceStore(db).ReadAsync(runId, 0, limit, CancellationToken.None);
    }
}
