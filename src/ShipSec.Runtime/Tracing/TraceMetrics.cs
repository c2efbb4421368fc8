using System.Diagnostics.Metrics;

namespace ShipSec.Runtime.Tracing;

/// <summary>The instruments of the trace path (meter <c>ShipSec.Trace</c>): emitter back-pressure, collector throughput, dropped log lines, cut-off streams.</summary>
public sealed class TraceMetrics
{
    public const string MeterName = "ShipSec.Trace";

    private readonly Meter _meter;

    public TraceMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        EmitterBlocked = _meter.CreateCounter<long>("shipsec.trace.emitter.blocked", "{wait}",
            "Times an emit found the emitter's buffer full and waited for room.");
        EmitterBlockedDuration = _meter.CreateHistogram<double>("shipsec.trace.emitter.blocked.duration", "ms",
            "How long an emit waited for room in the emitter's buffer.");
        BatchesResent = _meter.CreateCounter<long>("shipsec.trace.emitter.batches.resent", "{batch}",
            "Batches sent again because the collector did not acknowledge them (failure or timeout).");
        BatchesDeferred = _meter.CreateCounter<long>("shipsec.trace.collector.batches.deferred", "{batch}",
            "Batches that arrived before the batch they follow was stored; nothing was written and the emitter sent them again.");
        EventsStored = _meter.CreateCounter<long>("shipsec.trace.collector.events.stored", "{event}",
            "Trace events the collector committed.");
        AppendDuration = _meter.CreateHistogram<double>("shipsec.trace.collector.append.duration", "ms",
            "How long the collector's store took to commit one batch.");
        DuplicatesIgnored = _meter.CreateCounter<long>("shipsec.trace.collector.events.duplicate", "{event}",
            "Trace events the collector skipped because their id was already stored.");
        LogLinesDropped = _meter.CreateCounter<long>("shipsec.trace.log.lines.dropped", "{line}",
            "Module log lines kept out of the trace by the per-node cap or rate limit (they stay in the output artifact).");
        StreamsCutOff = _meter.CreateCounter<long>("shipsec.trace.stream.cutoff", "{stream}",
            "Live streams ended because the client did not keep up.");
    }

    public Counter<long> EmitterBlocked { get; }
    public Histogram<double> EmitterBlockedDuration { get; }
    public Counter<long> BatchesResent { get; }
    public Counter<long> BatchesDeferred { get; }
    public Counter<long> EventsStored { get; }
    public Histogram<double> AppendDuration { get; }
    public Counter<long> DuplicatesIgnored { get; }
    public Counter<long> LogLinesDropped { get; }
    public Counter<long> StreamsCutOff { get; }

    /// <summary>Reports <paramref name="buffered"/> as the gauge of events waiting in the emitter.</summary>
    public void ObserveEmitterBuffer(Func<long> buffered) =>
        _meter.CreateObservableGauge("shipsec.trace.emitter.buffered", buffered, "{event}", "Trace events emitted but not yet acknowledged as stored.");
}
