using System.Text.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Pipeline;

namespace ShipSec.Flowchart.Tests.Harness;

/// <summary>A fake module: optionally works for a while (honouring cancellation), fails its first attempts, activates ports, returns outputs.</summary>
public sealed record ScriptedComponent
{
    /// <summary>Time spent working, on the harness clock.</summary>
    public int DelayMs { get; init; }
    /// <summary>Only attempts 1..DelayedAttempts spend <see cref="DelayMs"/>; later ones answer at once.</summary>
    public int DelayedAttempts { get; init; } = int.MaxValue;
    /// <summary>Attempts 1..FailAttempts fail with <see cref="Error"/>.</summary>
    public int FailAttempts { get; init; }
    public NodeError Error { get; init; } = new() { Type = NodeErrorTypes.Network, Message = "connection reset", Retryable = true };
    public IReadOnlyList<string>? ActivatePorts { get; init; }
    /// <summary>Outputs to return; by default <c>{result: nodeId}</c>.</summary>
    public Func<NodeExecutionContext, Dictionary<string, JsonElement>>? Outputs { get; init; }

    /// <summary>A component that always fails.</summary>
    public static ScriptedComponent Failing(NodeError error) => new() { FailAttempts = int.MaxValue, Error = error };

    public async Task RunAsync(NodeExecutionContext context)
    {
        if (DelayMs > 0 && context.Attempt <= DelayedAttempts)
            await Task.Delay(TimeSpan.FromMilliseconds(DelayMs), context.Clock, context.CancellationToken);
        if (context.Attempt <= FailAttempts)
            throw new NodeFailureException(Error);
        context.Succeed(Outputs?.Invoke(context) ?? Json.Map(new { result = context.NodeId }), ActivatePorts);
    }
}
