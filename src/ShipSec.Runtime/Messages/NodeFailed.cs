using ShipSec.Contracts.Runs;

namespace ShipSec.Runtime.Messages;

/// <summary>An attempt failed (or was cancelled); published after the attempt's trace events were flushed.</summary>
public sealed record NodeFailed
{
    public required string RunId { get; init; }
    public required string NodeId { get; init; }
    public required int Attempt { get; init; }
    public required NodeError Error { get; init; }
    /// <summary>What the worker's retry policy predicted; the orchestrator's engine decides.</summary>
    public bool WillRetry { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
    public required string Worker { get; init; }
}
