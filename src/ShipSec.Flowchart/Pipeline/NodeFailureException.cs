using ShipSec.Contracts.Runs;

namespace ShipSec.Flowchart.Pipeline;

/// <summary>Thrown by a node's terminal delegate to fail the attempt with a typed error (kind, message, retryable).</summary>
public sealed class NodeFailureException(NodeError error) : Exception(error.Message)
{
    /// <summary>The error the attempt fails with.</summary>
    public NodeError Error { get; } = error;
}
