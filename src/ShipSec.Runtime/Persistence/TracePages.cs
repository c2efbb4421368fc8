using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Persistence;

/// <summary>Reading a run's trace in sequence order; the same query on every provider.</summary>
public static class TracePages
{
    /// <summary>Events of <paramref name="runId"/> after sequence <paramref name="after"/>, at most <paramref name="limit"/>.</summary>
    public static async Task<TracePage> ReadAsync(ShipSecDbContext db, string runId, long after, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.TraceEvents.AsNoTracking()
            .Where(t => t.RunId == runId && t.Sequence > after)
            .OrderBy(t => t.Sequence)
            .Take(limit + 1)
            .Select(t => t.Json)
            .ToListAsync(cancellationToken);
        var events = rows.Take(limit).Select(json => JsonSerializer.Deserialize<TraceEvent>(json, ShipSecJson.Options)!).ToList();
        return new TracePage(events, rows.Count > limit);
    }

    /// <summary>Whether an event with id <paramref name="eventId"/> is stored (the unique index on <c>event_id</c>).</summary>
    public static Task<bool> ContainsAsync(ShipSecDbContext db, string eventId, CancellationToken cancellationToken) =>
        db.TraceEvents.AsNoTracking().AnyAsync(t => t.EventId == eventId, cancellationToken);

    /// <summary>The <c>type</c> column's spelling of an event type (its contract name).</summary>
    public static string TypeName(TraceEventType type) => JsonSerializer.Serialize(type, ShipSecJson.Options).Trim('"');
}
