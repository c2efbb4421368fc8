using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;

namespace ShipSec.Runtime.Persistence;

/// <summary><see cref="ITraceStore"/> over EF Core: one transaction per batch, sequences from <c>run_trace_counters</c>.</summary>
public sealed class EfTraceStore(ShipSecDbContext db) : ITraceStore
{
    public async Task<IReadOnlyList<TraceEvent>> AppendAsync(IReadOnlyList<TraceEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return [];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = events.Select(e => e.Id).Distinct().ToList();
        var known = (await db.TraceEvents.Where(t => ids.Contains(t.EventId)).Select(t => t.EventId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var fresh = new List<TraceEvent>(events.Count);
        foreach (var e in events)
        {
            if (known.Add(e.Id)) fresh.Add(e);
        }
        if (fresh.Count == 0) return [];

        var stored = new List<TraceEvent>(fresh.Count);
        foreach (var run in fresh.GroupBy(e => e.RunId, StringComparer.Ordinal))
        {
            var counter = await db.RunTraceCounters.FindAsync([run.Key], cancellationToken);
            if (counter is null)
            {
                counter = new RunTraceCounter { RunId = run.Key, NextSequence = 1 };
                db.RunTraceCounters.Add(counter);
            }
            foreach (var e in run)
            {
                var sequenced = e with { Sequence = counter.NextSequence++ };
                stored.Add(sequenced);
                db.TraceEvents.Add(new TraceEventRecord
                {
                    RunId = sequenced.RunId,
                    Sequence = sequenced.Sequence,
                    EventId = sequenced.Id,
                    Type = JsonSerializer.Serialize(sequenced.Type).Trim('"'),
                    NodeId = sequenced.NodeId,
                    Timestamp = sequenced.Timestamp,
                    Json = JsonSerializer.Serialize(sequenced, ShipSecJson.Options),
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return stored;
    }

    public async Task<TracePage> ReadAsync(string runId, long after, int limit, CancellationToken cancellationToken)
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
}
