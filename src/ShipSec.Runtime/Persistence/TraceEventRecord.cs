namespace ShipSec.Runtime.Persistence;

/// <summary>One stored trace event; append-only, unique by event id and by (run, sequence).</summary>
public sealed class TraceEventRecord
{
    public long Id { get; set; }
    public string RunId { get; set; } = "";
    public long Sequence { get; set; }
    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public string? NodeId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    /// <summary>The full <c>TraceEvent</c> (sequence included) in contract JSON.</summary>
    public string Json { get; set; } = "";
}
