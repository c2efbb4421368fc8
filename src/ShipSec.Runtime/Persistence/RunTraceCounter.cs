namespace ShipSec.Runtime.Persistence;

/// <summary>The next trace sequence of a run; allocating from it in the insert transaction keeps sequences gap-free.</summary>
public sealed class RunTraceCounter
{
    public string RunId { get; set; } = "";
    public long NextSequence { get; set; } = 1;
}
