using System.Text.Json;

namespace ShipSec.Runtime.Messages;

/// <summary>An attempt finished successfully; published after the attempt's trace events were flushed.</summary>
public sealed record NodeSucceeded
{
    public required string RunId { get; init; }
    public required string NodeId { get; init; }
    public required int Attempt { get; init; }
    public Dictionary<string, JsonElement> Outputs { get; init; } = [];
    /// <summary>Branch ports the module activated; null means every success edge is followed.</summary>
    public List<string>? ActivatedPorts { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
    public required string Worker { get; init; }
}
