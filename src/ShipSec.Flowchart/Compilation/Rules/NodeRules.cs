using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Inputs;

namespace ShipSec.Flowchart.Compilation.Rules;

/// <summary>Graph name, node ids, components, the single entry node and its runtime inputs; resolves each node's ports.</summary>
internal static class NodeRules
{
    public static void Check(CompilationContext context)
    {
        if (string.IsNullOrWhiteSpace(context.Graph.Name))
            context.Report(GraphErrorCodes.EmptyName, "The workflow has no name; give it a non-empty name.", field: "name");

        var entries = new List<CompiledNode>();
        for (var index = 0; index < context.Graph.Nodes.Count; index++)
        {
            var node = context.Graph.Nodes[index];
            if (!Register(context, node, index)) continue;

            var compiled = context.NodesById[node.Id];
            if (compiled.IsEntry) entries.Add(compiled);
            ResolveComponent(context, compiled);
        }

        CheckEntrypoint(context, entries);
        foreach (var node in context.Nodes)
            ResolvePorts(context, node);
    }

    private static bool Register(CompilationContext context, GraphNode node, int index)
    {
        var path = FieldPath.Node(index);
        if (string.IsNullOrWhiteSpace(node.Id))
        {
            context.Report(GraphErrorCodes.EmptyNodeId,
                $"Node #{index + 1} (type '{node.Type}') has no id; give every node a unique, non-empty id.", field: $"{path}.id");
            return false;
        }

        if (context.NodesById.TryGetValue(node.Id, out var first))
        {
            context.Report(GraphErrorCodes.DuplicateNodeId,
                $"Node id '{node.Id}' is used by nodes #{first.Index + 1} and #{index + 1}; node ids must be unique, rename one of them.",
                node.Id, field: $"{path}.id");
            return false;
        }

        var compiled = new CompiledNode(node, index);
        context.Nodes.Add(compiled);
        context.NodesById.Add(node.Id, compiled);
        return true;
    }

    private static void ResolveComponent(CompilationContext context, CompiledNode node)
    {
        node.Component = string.IsNullOrEmpty(node.Node.Type) ? null : context.Catalog.Find(node.Node.Type);
        if (node.Component is not null) return;

        var message = string.IsNullOrEmpty(node.Node.Type)
            ? $"Node {node.Name} has no component type; set 'type' to a component id from GET /api/v1/components."
            : $"Node {node.Name} uses component '{node.Node.Type}', which is not installed on this server; pick a component from GET /api/v1/components or install the module that provides it.";
        context.Report(GraphErrorCodes.UnknownComponent, message, node.Id, field: $"{node.Path}.type");
    }

    private static void CheckEntrypoint(CompilationContext context, List<CompiledNode> entries)
    {
        if (entries.Count == 0)
        {
            context.Report(GraphErrorCodes.MissingEntrypoint,
                $"The workflow has no entry node; add one node of type '{WellKnown.EntrypointComponent}' and connect it to the first step.",
                field: "nodes");
            return;
        }

        context.Entry = entries[0];
        foreach (var extra in entries.Skip(1))
        {
            context.Report(GraphErrorCodes.MultipleEntrypoints,
                $"Node {extra.Name} is a second entry node ({entries[0].Name} is the first); a workflow has exactly one, remove or replace the others.",
                extra.Id, field: $"{extra.Path}.type");
        }
    }

    private static void ResolvePorts(CompilationContext context, CompiledNode node)
    {
        if (node.Component is null) return;
        if (node.IsEntry)
        {
            var before = context.Problems.Count;
            RuntimeInputs.Parse(node.Config.Params, $"{FieldPath.Config(node.Index)}.params", node.Id, context.Problems);
            // Without a well-formed input list the entry node's outputs are unknown; edges from it are not checked.
            if (context.Problems.Count != before) return;
        }

        try
        {
            node.Ports = context.Catalog.ResolvePorts(node.Component, node.Config.Params);
        }
        catch (PortResolutionException e)
        {
            var field = e.ParameterId is null ? $"{FieldPath.Config(node.Index)}.params" : $"{FieldPath.Config(node.Index)}.params.{e.ParameterId}";
            context.Report(GraphErrorCodes.InvalidParameter,
                $"Node {node.Name}: its ports cannot be determined from its parameters: {e.Message}", node.Id, field: field);
        }
    }
}
