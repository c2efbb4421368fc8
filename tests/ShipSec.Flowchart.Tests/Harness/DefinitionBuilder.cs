using System.Text.Json;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Model;

namespace ShipSec.Flowchart.Tests.Harness;

/// <summary>Builds compiled definitions by hand (nodes in the order added, which tests keep topological).</summary>
public sealed class DefinitionBuilder
{
    private readonly List<DefinitionAction> _actions = [];
    private readonly Dictionary<string, NodeMetadata> _nodes = new(StringComparer.Ordinal);
    private readonly List<DefinitionEdge> _edges = [];
    private string _entry = "";
    private int? _runTimeoutSeconds;

    /// <summary>Adds the entry node (component <c>core.workflow.entrypoint</c>).</summary>
    public DefinitionBuilder Entry(string id = "start", Dictionary<string, JsonElement>? inputOverrides = null)
    {
        _entry = id;
        return Node(id, component: WellKnown.EntrypointComponent, inputOverrides: inputOverrides);
    }

    /// <summary>Adds a node; its component id defaults to the node id so behaviours can be given per node.</summary>
    public DefinitionBuilder Node(string id, string? component = null, JoinStrategy join = JoinStrategy.All,
        RetryPolicy? retry = null, int? timeoutSeconds = null, string[]? branchingPorts = null,
        Dictionary<string, JsonElement>? inputOverrides = null)
    {
        var componentId = component ?? id;
        _actions.Add(new DefinitionAction
        {
            Ref = id,
            ComponentId = componentId,
            InputOverrides = inputOverrides ?? [],
            RetryPolicy = retry,
            TimeoutSeconds = timeoutSeconds,
        });
        _nodes[id] = new NodeMetadata
        {
            Ref = id,
            Label = id,
            ComponentId = componentId,
            JoinStrategy = join,
            BranchingPorts = [.. branchingPorts ?? []],
        };
        return this;
    }

    /// <summary>Adds a control edge (or a port edge when <paramref name="sourceHandle"/> is given).</summary>
    public DefinitionBuilder Edge(string source, string target, EdgeKind kind = EdgeKind.Success, string? sourceHandle = null)
    {
        AddEdge(source, target, kind, sourceHandle, targetHandle: null);
        return this;
    }

    /// <summary>Adds a data edge: output <paramref name="sourceHandle"/> of <paramref name="source"/> feeds input <paramref name="targetHandle"/>.</summary>
    public DefinitionBuilder Data(string source, string sourceHandle, string target, string targetHandle, EdgeKind kind = EdgeKind.Success)
    {
        AddEdge(source, target, kind, sourceHandle, targetHandle);
        var action = _actions.Single(a => a.Ref == target);
        action.InputMappings[targetHandle] = new InputMapping(source, sourceHandle);
        return this;
    }

    public DefinitionBuilder RunTimeout(int seconds)
    {
        _runTimeoutSeconds = seconds;
        return this;
    }

    public WorkflowDefinition Build() => new()
    {
        Version = 1,
        Title = "test",
        Entrypoint = new EntrypointRef(_entry),
        Nodes = _nodes,
        Edges = _edges,
        DependencyCounts = _actions.ToDictionary(a => a.Ref, a => _edges.Count(e => e.TargetRef == a.Ref)),
        Actions = _actions.Select(a => a with
        {
            DependsOn = _edges.Where(e => e.TargetRef == a.Ref).Select(e => e.SourceRef).Distinct().ToList(),
        }).ToList(),
        Config = new DefinitionConfig { TimeoutSeconds = _runTimeoutSeconds },
    };

    public CompiledFlowchart Compile() => CompiledFlowchart.From(Build());

    private void AddEdge(string source, string target, EdgeKind kind, string? sourceHandle, string? targetHandle) =>
        _edges.Add(new DefinitionEdge
        {
            Id = $"{source}{(sourceHandle is null ? "" : ":" + sourceHandle)}->{target}{(targetHandle is null ? "" : ":" + targetHandle)}",
            SourceRef = source,
            TargetRef = target,
            SourceHandle = sourceHandle,
            TargetHandle = targetHandle,
            Kind = kind,
        });
}
