namespace ShipSec.Runtime.Persistence;

/// <summary>How one edge of a run resolved; an edge without a row is still unresolved.</summary>
public sealed class RunEdgeRecord
{
    public string RunId { get; set; } = "";
    public string EdgeId { get; set; } = "";
    /// <summary>The <c>EdgeResolution</c> in its JSON spelling: <c>followed</c>, <c>notFollowed</c> (or <c>unresolved</c>).</summary>
    public string Resolution { get; set; } = "";
}
