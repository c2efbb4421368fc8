using System.Text.Json;
using ShipSec.Contracts.Graph;

namespace ShipSec.Runtime.Messages;

/// <summary>One attempt of a node for a worker to run; keyed by (run, node, attempt), so a redelivery changes nothing.</summary>
public sealed record ExecuteNode
{
    public required string RunId { get; init; }
    public required string WorkflowId { get; init; }
    public required string NodeId { get; init; }
    public required string ComponentId { get; init; }
    public required int Attempt { get; init; }
    public Dictionary<string, JsonElement> Params { get; init; } = [];
    public Dictionary<string, JsonElement> Inputs { get; init; } = [];
    public RetryPolicy RetryPolicy { get; init; } = new();
    public int? TimeoutSeconds { get; init; }
    /// <summary>The run's secret input values, to be masked in this attempt's events wherever they show up.</summary>
    public List<string> SecretValues { get; init; } = [];
}
