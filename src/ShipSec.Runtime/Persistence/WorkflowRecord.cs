namespace ShipSec.Runtime.Persistence;

/// <summary>A workflow's identity and current metadata; its graphs live in <see cref="WorkflowVersionRecord"/>.</summary>
public sealed class WorkflowRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int LatestVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Set when the workflow is deleted; its versions and runs stay for history.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
