namespace ShipSec.Runtime.Persistence;

/// <summary>One node of a run: the engine's <c>NodeState</c> as JSON, written only by the transitions that change it.</summary>
public sealed class RunNodeRecord
{
    public string RunId { get; set; } = "";
    public string NodeId { get; set; } = "";
    /// <summary>The engine's <c>NodeState</c> (status, attempts, resolved inputs, outputs).</summary>
    public string Json { get; set; } = "";
}
