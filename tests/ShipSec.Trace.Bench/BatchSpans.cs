using System.Diagnostics;
using ShipSec.Runtime.Bus;

namespace ShipSec.Trace.Bench;

/// <summary>
/// Adds up, from MassTransit's and Npgsql's own tracing, where trace batches spend their time: the emitter's send of each
/// <c>TraceEventBatch</c> (serialise, publish, broker confirm), the collector's receive of it (delivery to acknowledgement:
/// deserialise, store, answer) and the store's round trips (Npgsql commands, batches and COPYs that touch <c>trace_events</c> or
/// <c>run_trace_counters</c>; Npgsql does not trace COMMIT, which comes on top). Listens only while it exists.
/// </summary>
public sealed class BatchSpans : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly Lock _gate = new();
    private Totals _totals = new(0, 0, 0, 0, 0, 0);

    public BatchSpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" or "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Counts and summed milliseconds of each kind of span.</summary>
    public sealed record Totals(long Sends, double SendMs, long Receives, double ReceiveMs, long Commands, double CommandMs);

    /// <summary>What was recorded so far; subtract two readings to get one path's share.</summary>
    public Totals Read()
    {
        lock (_gate) return _totals;
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Activity activity)
    {
        var ms = activity.Duration.TotalMilliseconds;
        lock (_gate)
        {
            if (activity.Source.Name == "MassTransit" && activity.Kind == ActivityKind.Producer && activity.DisplayName.Contains("TraceEventBatch", StringComparison.Ordinal))
                _totals = _totals with { Sends = _totals.Sends + 1, SendMs = _totals.SendMs + ms };
            else if (activity.Source.Name == "MassTransit" && activity.Kind == ActivityKind.Consumer && activity.DisplayName == $"{QueueNames.TraceBatches} receive")
                _totals = _totals with { Receives = _totals.Receives + 1, ReceiveMs = _totals.ReceiveMs + ms };
            else if (activity.Source.Name == "Npgsql" && activity.GetTagItem("db.query.text") is string sql
                     && (sql.Contains("trace_events", StringComparison.Ordinal) || sql.Contains("run_trace_counters", StringComparison.Ordinal)))
                _totals = _totals with { Commands = _totals.Commands + 1, CommandMs = _totals.CommandMs + ms };
        }
    }
}
