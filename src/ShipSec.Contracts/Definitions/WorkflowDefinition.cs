using System.Text.Json;
using ShipSec.Contracts.Graph;

namespace ShipSec.Contracts.Definitions;

/// <summary>A validated graph compiled for execution (ARCHITECTURE §4.2); actions are in topological order.</summary>
public sealed record WorkflowDefinition
{
    public int Version { get; init; }
    public string Title { get; init; } = "";
    public EntrypointRef Entrypoint { get; init; } = new("");
    public Dictionary<string, NodeMetadata> Nodes { get; init; } = [];
    public List<DefinitionEdge> Edges { get; init; } = [];
    public Dictionary<string, int> DependencyCounts { get; init; } = [];
    public List<DefinitionAction> Actions { get; init; } = [];
    public DefinitionConfig Config { get; init; } = new();
}

/// <summary>The entry node's ref.</summary>
public sealed record EntrypointRef(string Ref);

/// <summary>Run-wide settings.</summary>
public sealed record DefinitionConfig
{
    /// <summary>Timeout of the whole run (TIMED_OUT when exceeded); null means none.</summary>
    public int? TimeoutSeconds { get; init; }
}

/// <summary>What the runtime and the studio need to know about a node beyond its action.</summary>
public sealed record NodeMetadata
{
    public string Ref { get; init; } = "";
    public string Label { get; init; } = "";
    public string ComponentId { get; init; } = "";
    public JoinStrategy JoinStrategy { get; init; } = JoinStrategy.All;
    public int? MaxConcurrency { get; init; }
    /// <summary>Output ports of a branching component: success edges from them are followed only when the port is activated.</summary>
    public List<string> BranchingPorts { get; init; } = [];
}

/// <summary>A compiled edge; <see cref="Kind"/> is always set.</summary>
public sealed record DefinitionEdge
{
    public string Id { get; init; } = "";
    public string SourceRef { get; init; } = "";
    public string TargetRef { get; init; } = "";
    public string? SourceHandle { get; init; }
    public string? TargetHandle { get; init; }
    public EdgeKind Kind { get; init; } = EdgeKind.Success;
}

/// <summary>One node to execute: component, parameters, where its inputs come from, retry and timeout.</summary>
public sealed record DefinitionAction
{
    public string Ref { get; init; } = "";
    public string ComponentId { get; init; } = "";
    public Dictionary<string, JsonElement> Params { get; init; } = [];
    public Dictionary<string, JsonElement> InputOverrides { get; init; } = [];
    public List<string> DependsOn { get; init; } = [];
    public Dictionary<string, InputMapping> InputMappings { get; init; } = [];
    public RetryPolicy? RetryPolicy { get; init; }
    public int? TimeoutSeconds { get; init; }
}

/// <summary>Input fed by a data edge: output <see cref="SourceHandle"/> of node <see cref="SourceRef"/>.</summary>
public sealed record InputMapping(string SourceRef, string SourceHandle);
