namespace ShipSec.Runtime.Persistence;

/// <summary>
/// A run: the engine's run-level state as JSON plus the columns the runtime queries by (status, next timer); its nodes
/// and edges are <see cref="RunNodeRecord"/> and <see cref="RunEdgeRecord"/> rows.
/// </summary>
public sealed class RunRecord
{
    public string Id { get; set; } = "";
    public string WorkflowId { get; set; } = "";
    public int WorkflowVersion { get; set; }
    /// <summary>Contract spelling of the run status (QUEUED, RUNNING, ...), kept in step with <see cref="StateJson"/>.</summary>
    public string Status { get; set; } = "";
    /// <summary>When the earliest engine timer of the run is due; null when none is armed.</summary>
    public DateTimeOffset? NextTimerAt { get; set; }
    /// <summary>The engine's <c>RunState</c> without its nodes and edges (see <see cref="RunStateRows"/>).</summary>
    public string StateJson { get; set; } = "";
    /// <summary>A fresh random id on every save of the state: tells a process whether the state it saved last is still current (<see cref="RunStateCache"/>).</summary>
    public Guid Revision { get; set; }
    /// <summary>The compiled <c>WorkflowDefinition</c> the run executes, fixed at creation.</summary>
    public string DefinitionJson { get; set; } = "";
    /// <summary>Version of the compiled definition format.</summary>
    public int DefinitionVersion { get; set; }
    public int TotalActions { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
