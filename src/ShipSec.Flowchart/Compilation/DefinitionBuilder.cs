using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;

namespace ShipSec.Flowchart.Compilation;

/// <summary>Turns a validated graph, already in execution order, into the <see cref="WorkflowDefinition"/> the engine runs.</summary>
internal static class DefinitionBuilder
{
    public static WorkflowDefinition Build(CompilationContext context, IReadOnlyList<CompiledNode> order, int version)
    {
        var entry = context.Entry!;
        var inbound = context.Edges.ToLookup(e => e.Target);
        return new WorkflowDefinition
        {
            Version = version,
            Title = context.Graph.Name,
            Entrypoint = new EntrypointRef(entry.Id),
            Nodes = order.ToDictionary(n => n.Id, Metadata, StringComparer.Ordinal),
            Edges = context.Edges.Select(Edge).ToList(),
            DependencyCounts = order.ToDictionary(n => n.Id, n => inbound[n].Count(), StringComparer.Ordinal),
            Actions = order.Select(n => Action(n, inbound[n].ToList())).ToList(),
            Config = new DefinitionConfig { TimeoutSeconds = entry.Config.TimeoutSeconds },
        };
    }

    private static NodeMetadata Metadata(CompiledNode node) => new()
    {
        Ref = node.Id,
        Label = node.Node.Data.Label,
        ComponentId = node.Node.Type,
        JoinStrategy = node.Config.JoinStrategy ?? JoinStrategy.All,
        MaxConcurrency = node.Config.MaxConcurrency,
        BranchingPorts = node.Ports!.Outputs.Where(p => p.IsBranching).Select(p => p.Id).ToList(),
    };

    private static DefinitionEdge Edge(CompiledEdge edge) => new()
    {
        Id = edge.Edge.Id,
        SourceRef = edge.Source.Id,
        TargetRef = edge.Target.Id,
        SourceHandle = edge.IsData ? edge.Edge.SourceHandle : null,
        TargetHandle = edge.IsData ? edge.Edge.TargetHandle : null,
        Kind = edge.Kind,
    };

    private static DefinitionAction Action(CompiledNode node, List<CompiledEdge> inbound) => new()
    {
        Ref = node.Id,
        ComponentId = node.Node.Type,
        Params = new(node.Config.Params, StringComparer.Ordinal),
        InputOverrides = new(node.Config.InputOverrides, StringComparer.Ordinal),
        DependsOn = inbound.Select(e => e.Source.Id).Distinct(StringComparer.Ordinal).ToList(),
        InputMappings = inbound.Where(e => e.IsData).ToDictionary(
            e => e.Edge.TargetHandle!, e => new InputMapping(e.Source.Id, e.Edge.SourceHandle!), StringComparer.Ordinal),
        RetryPolicy = node.Config.RetryPolicy,
        // The entry node's timeout is the run's (config.timeoutSeconds); its own action only gets the component default.
        TimeoutSeconds = node.IsEntry
            ? node.Component!.DefaultTimeoutSeconds
            : node.Config.TimeoutSeconds ?? node.Component!.DefaultTimeoutSeconds,
    };
}
