namespace ShipSec.Runtime.Persistence;

/// <summary>One immutable saved graph of a workflow.</summary>
public sealed class WorkflowVersionRecord
{
    public string Id { get; set; } = "";
    public string WorkflowId { get; set; } = "";
    public int Version { get; set; }
    /// <summary>The <c>WorkflowGraph</c> as saved, in contract JSON.</summary>
    public string GraphJson { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
