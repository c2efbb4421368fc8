namespace ShipSec.Runtime.Persistence;

/// <summary>A run: the engine's state as JSON plus the columns the runtime queries by (status, next timer).</summary>
public sealed class RunRecord
{
    public string Id { get; set; } = "";
    public string WorkflowId { get; set; } = "";
    public int WorkflowVersion { get; set; }
    /// <summary>Contract spelling of the run status (QUEUED, RUNNING, ...), kept in step with <see cref="StateJson"/>.</summary>
    public string Status { get; set; } = "";
    /// <summary>When the earliest engine timer of the run is due; null when none is armed.</summary>
    public DateTimeOffset? NextTimerAt { get; set; }
    /// <summary>The engine's <c>RunState</c>.</summary>
    public string StateJson { get; set; } = "";
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
