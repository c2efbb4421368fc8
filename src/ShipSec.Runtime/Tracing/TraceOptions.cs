namespace ShipSec.Runtime.Tracing;

/// <summary>The <c>ShipSec:Trace</c> configuration section: emitter batching and back-pressure, module log limits and progress coalescing, and the live stream.</summary>
public sealed class TraceOptions
{
    public const string Section = "ShipSec:Trace";

    /// <summary>Events the emitter holds before <c>Emit</c> waits for room; the bound that turns a slow collector into back-pressure.</summary>
    public int EmitterCapacity { get; set; } = 20_000;

    /// <summary>
    /// Most events in one batch message. A batch this full forms only while events arrive faster than they are stored; at
    /// low rates <see cref="BatchDelay"/> sends small ones, so a bigger maximum costs no latency.
    /// </summary>
    public int MaxBatchSize { get; set; } = 5_000;

    /// <summary>How long a partly filled batch waits for more events before it is sent.</summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Batches sent but not yet acknowledged as stored. More than 1 overlaps sending one batch with storing another; the order
    /// is kept either way, because each batch names its predecessor and the collector defers one that overtook it.
    /// </summary>
    public int BatchesInFlight { get; set; } = 2;

    /// <summary>How long the emitter waits for a collector's acknowledgement before it sends the batch again (duplicates are ignored by id).</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>NODE_LOG lines one node attempt may put in the trace; the rest go only to the output artifact.</summary>
    public int MaxLogLinesPerNode { get; set; } = 10_000;

    /// <summary>NODE_LOG lines per second one node attempt may put in the trace (one second's worth may come in a burst); 0 means no rate limit.</summary>
    public int MaxLogLinesPerSecond { get; set; } = 1_000;

    /// <summary>
    /// NODE_PROGRESS events per second one node attempt may put in the trace; faster reports are coalesced, the latest kept and
    /// emitted when the window allows and always before the attempt ends. 0 means every report becomes an event.
    /// </summary>
    public int MaxProgressPerSecond { get; set; } = 10;

    /// <summary>The Server-Sent Events stream of a run.</summary>
    public TraceStreamOptions Stream { get; set; } = new();

    /// <summary>Names every setting that is out of range; empty when the options are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Positive(string name, double value)
        {
            if (value <= 0) problems.Add($"{Section}:{name} must be greater than 0; got {value}.");
        }
        Positive(nameof(EmitterCapacity), EmitterCapacity);
        Positive(nameof(MaxBatchSize), MaxBatchSize);
        Positive(nameof(BatchesInFlight), BatchesInFlight);
        Positive(nameof(AckTimeout), AckTimeout.TotalMilliseconds);
        Positive(nameof(MaxLogLinesPerNode), MaxLogLinesPerNode);
        if (BatchDelay < TimeSpan.Zero) problems.Add($"{Section}:{nameof(BatchDelay)} must not be negative; got {BatchDelay}.");
        if (MaxLogLinesPerSecond < 0) problems.Add($"{Section}:{nameof(MaxLogLinesPerSecond)} must be 0 (no limit) or more; got {MaxLogLinesPerSecond}.");
        if (MaxProgressPerSecond < 0) problems.Add($"{Section}:{nameof(MaxProgressPerSecond)} must be 0 (no limit) or more; got {MaxProgressPerSecond}.");
        Positive($"Stream:{nameof(TraceStreamOptions.KeepAlive)}", Stream.KeepAlive.TotalMilliseconds);
        Positive($"Stream:{nameof(TraceStreamOptions.PollInterval)}", Stream.PollInterval.TotalMilliseconds);
        Positive($"Stream:{nameof(TraceStreamOptions.PageSize)}", Stream.PageSize);
        Positive($"Stream:{nameof(TraceStreamOptions.MaxBufferedBatches)}", Stream.MaxBufferedBatches);
        Positive($"Stream:{nameof(TraceStreamOptions.SlowClientTimeout)}", Stream.SlowClientTimeout.TotalMilliseconds);
        Positive($"Stream:{nameof(TraceStreamOptions.TerminalTraceGrace)}", Stream.TerminalTraceGrace.TotalMilliseconds);
        return problems;
    }
}

/// <summary>The <c>ShipSec:Trace:Stream</c> settings of <c>GET …/runs/{runId}/stream</c>.</summary>
public sealed class TraceStreamOptions
{
    /// <summary>A <c>: keepalive</c> comment is sent after this long without any other message.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the stream looks at the database when no notification arrives (runs executed by another process).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most events in one <c>trace</c> message.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Messages one connection may have waiting for the client; the bound on a connection's memory.</summary>
    public int MaxBufferedBatches { get; set; } = 8;

    /// <summary>How long the buffer may stay full before the server ends the stream (the client resumes with its cursor).</summary>
    public TimeSpan SlowClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after the run's status turned terminal the stream waits for the terminal WORKFLOW_STATUS event in the trace
    /// before it completes anyway (that event is lost only when a process dies between saving the status and emitting it).
    /// </summary>
    public TimeSpan TerminalTraceGrace { get; set; } = TimeSpan.FromSeconds(30);
}
