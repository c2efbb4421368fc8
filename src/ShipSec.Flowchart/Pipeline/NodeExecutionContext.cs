using System.Text.Json;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Engine;

namespace ShipSec.Flowchart.Pipeline;

/// <summary>One node attempt flowing through the <see cref="NodeExecutionPipeline"/>: what to run, where to log, and how it ended.</summary>
public sealed class NodeExecutionContext
{
    public required string RunId { get; init; }
    public required string WorkflowId { get; init; }
    public required string NodeId { get; init; }
    public required string ComponentId { get; init; }
    /// <summary>1-based attempt number.</summary>
    public required int Attempt { get; init; }
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; init; } = new Dictionary<string, JsonElement>();
    public IReadOnlyDictionary<string, JsonElement> Params { get; init; } = new Dictionary<string, JsonElement>();
    public RetryPolicy RetryPolicy { get; init; } = RetryDecider.NoRetry;
    public int? TimeoutSeconds { get; init; }
    public required IExecutionLog Log { get; init; }
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>Cancelled when the attempt must stop; middlewares may replace it with a linked token for the steps inside them.</summary>
    public CancellationToken CancellationToken { get; set; }
    /// <summary>Set by the terminal (or a middleware) once the attempt has ended.</summary>
    public NodeOutcome? Outcome { get; set; }
    /// <summary>Scratch space middlewares share for one attempt.</summary>
    public Dictionary<string, object?> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>A context for the attempt an engine <see cref="DispatchNode"/> command asks for.</summary>
    public static NodeExecutionContext For(DispatchNode command, IExecutionLog log, TimeProvider clock, CancellationToken cancellationToken) => new()
    {
        RunId = command.RunId,
        WorkflowId = command.WorkflowId,
        NodeId = command.NodeId,
        ComponentId = command.ComponentId,
        Attempt = command.Attempt,
        Inputs = command.Inputs,
        Params = command.Params,
        RetryPolicy = command.RetryPolicy,
        TimeoutSeconds = command.TimeoutSeconds,
        Log = log,
        Clock = clock,
        CancellationToken = cancellationToken,
    };

    /// <summary>Ends the attempt successfully.</summary>
    public void Succeed(IReadOnlyDictionary<string, JsonElement> outputs, IReadOnlyList<string>? activatedPorts = null) =>
        Outcome = new NodeOutcome.Succeeded(outputs, activatedPorts);

    /// <summary>Ends the attempt with <paramref name="error"/>; whether it will be retried follows the node's policy.</summary>
    public void Fail(NodeError error) =>
        Outcome = new NodeOutcome.Failed(error, RetryDecider.WillRetry(RetryPolicy, error, Attempt));
}
