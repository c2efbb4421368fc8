using ShipSec.Contracts.Runs;

namespace ShipSec.Flowchart.Tests.Harness;

/// <summary>Node errors used across scenarios.</summary>
public static class Errors
{
    public static NodeError Network { get; } = new() { Type = NodeErrorTypes.Network, Message = "connection reset", Retryable = true };
    public static NodeError Validation { get; } = new() { Type = NodeErrorTypes.Validation, Message = "target is not a host name", Retryable = false };
    public static NodeError Authentication { get; } = new() { Type = NodeErrorTypes.Authentication, Message = "API key rejected", Retryable = true };
}
