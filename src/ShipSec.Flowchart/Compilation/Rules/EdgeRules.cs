using ShipSec.Contracts.Components;
using ShipSec.Contracts.Graph;

namespace ShipSec.Flowchart.Compilation.Rules;

/// <summary>
/// Edge ids, endpoints, handles and port types: a data edge joins an existing output to an existing input of a
/// compatible type, no input is fed twice, and nothing flows into the entry node.
/// </summary>
internal static class EdgeRules
{
    public static void Check(CompilationContext context)
    {
        var edgeIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var fedInputs = new Dictionary<(string Node, string Input), GraphEdge>();

        for (var index = 0; index < context.Graph.Edges.Count; index++)
        {
            var edge = context.Graph.Edges[index];
            var path = FieldPath.Edge(edge, index);
            var edgeId = string.IsNullOrEmpty(edge.Id) ? null : edge.Id;

            CheckId(context, edge, index, edgeIds);

            if (edge.Kind is { } kind && !Enum.IsDefined(kind))
                context.Report(GraphErrorCodes.InvalidEdgeKind,
                    $"Edge {Name(edge, index)} has an unknown kind; use \"success\" or \"error\" (or leave it out for success).",
                    edgeId: edgeId, field: $"{path}.kind");

            if (EdgeShape.HasSourceHandle(edge) != EdgeShape.HasTargetHandle(edge))
            {
                var (present, missing) = EdgeShape.HasSourceHandle(edge) ? ("sourceHandle", "targetHandle") : ("targetHandle", "sourceHandle");
                context.Report(GraphErrorCodes.HalfHandle,
                    $"Edge {Name(edge, index)} has a {present} but no {missing}; set both to pass data, or neither for an ordering-only edge.",
                    edgeId: edgeId, field: $"{path}.{missing}");
            }

            var source = Endpoint(context, edge, index, edge.Source, "source");
            var target = Endpoint(context, edge, index, edge.Target, "target");
            if (source is null || target is null) continue;

            if (source == target)
            {
                context.Report(GraphErrorCodes.SelfLoop,
                    $"Edge {Name(edge, index)} connects node {source.Name} to itself; a node cannot depend on itself, remove the edge.",
                    source.Id, edgeId, path);
                continue;
            }

            var compiled = new CompiledEdge(edge, index, source, target);
            context.Edges.Add(compiled);

            if (target.IsEntry)
                context.Report(GraphErrorCodes.EntrypointInboundEdge,
                    $"Edge {Name(edge, index)} leads into the entry node {target.Name}; the entry node starts the run and cannot depend on other nodes, remove the edge.",
                    target.Id, edgeId, $"{path}.target");

            if (compiled.IsData)
                CheckDataEdge(context, compiled, fedInputs);
        }
    }

    private static void CheckId(CompilationContext context, GraphEdge edge, int index, Dictionary<string, int> edgeIds)
    {
        if (string.IsNullOrEmpty(edge.Id))
        {
            context.Report(GraphErrorCodes.EmptyEdgeId,
                $"Edge #{index + 1} (from '{edge.Source}' to '{edge.Target}') has no id; give every edge a unique, non-empty id.",
                field: $"edges[{index}].id");
        }
        else if (!edgeIds.TryAdd(edge.Id, index))
        {
            context.Report(GraphErrorCodes.DuplicateEdgeId,
                $"Edge id '{edge.Id}' is used by edges #{edgeIds[edge.Id] + 1} and #{index + 1}; edge ids must be unique, rename one of them.",
                edgeId: edge.Id, field: $"edges[{index}].id");
        }
    }

    private static CompiledNode? Endpoint(CompilationContext context, GraphEdge edge, int index, string nodeId, string end)
    {
        if (context.NodesById.TryGetValue(nodeId, out var node)) return node;
        var message = string.IsNullOrEmpty(nodeId)
            ? $"Edge {Name(edge, index)} has no {end}; set '{end}' to the id of a node in the workflow."
            : $"Edge {Name(edge, index)} has {end} '{nodeId}', which is not a node of this workflow; point it at an existing node or remove the edge.";
        context.Report(GraphErrorCodes.UnknownNode, message,
            edgeId: string.IsNullOrEmpty(edge.Id) ? null : edge.Id, field: $"{FieldPath.Edge(edge, index)}.{end}");
        return null;
    }

    private static void CheckDataEdge(CompilationContext context, CompiledEdge edge, Dictionary<(string, string), GraphEdge> fedInputs)
    {
        var graphEdge = edge.Edge;
        var sourceHandle = graphEdge.SourceHandle!;
        var targetHandle = graphEdge.TargetHandle!;
        var edgeId = string.IsNullOrEmpty(graphEdge.Id) ? null : graphEdge.Id;
        var name = Name(graphEdge, edge.Index);

        if (!fedInputs.TryAdd((edge.Target.Id, targetHandle), graphEdge))
        {
            var first = fedInputs[(edge.Target.Id, targetHandle)];
            context.Report(GraphErrorCodes.DuplicateTargetInput,
                $"Edges '{first.Id}' and '{graphEdge.Id}' both feed input '{targetHandle}' of node {edge.Target.Name}; an input takes one edge, remove one of them.",
                edge.Target.Id, edgeId, $"{edge.Path}.targetHandle");
        }

        var sourceType = SourceType(context, edge, sourceHandle, name, edgeId);
        var targetType = TargetType(context, edge, targetHandle, name, edgeId);
        if (sourceType is null || targetType is null || sourceType.CanFeed(targetType)) return;

        context.Report(GraphErrorCodes.IncompatiblePortTypes,
            $"Edge {name} connects output '{sourceHandle}' of node {edge.Source.Name} ({sourceType}) to input '{targetHandle}' of node {edge.Target.Name} ({targetType}); these types are incompatible, connect an output of a matching type.",
            edge.Target.Id, edgeId, $"{edge.Path}.targetHandle");
    }

    /// <summary>The type the edge carries, or null when the handle is wrong (reported) or the source's ports are unknown.</summary>
    private static ConnectionType? SourceType(CompilationContext context, CompiledEdge edge, string handle, string name, string? edgeId)
    {
        if (edge.Kind == EdgeKind.Error)
        {
            // A failed node has no outputs; an error edge carries the failure itself.
            if (handle == WellKnown.ErrorHandle) return ConnectionType.Json;
            context.Report(GraphErrorCodes.UnknownSourceHandle,
                $"Error edge {name} uses sourceHandle '{handle}'; an error edge carries the failure of node {edge.Source.Name}, set its sourceHandle to '{WellKnown.ErrorHandle}'.",
                edge.Source.Id, edgeId, $"{edge.Path}.sourceHandle");
            return null;
        }

        if (handle == WellKnown.SelfHandle) return ConnectionType.Any;
        if (edge.Source.Ports is not { } ports) return null;
        if (ports.Outputs.FirstOrDefault(p => p.Id == handle) is { } port) return port.ConnectionType;

        context.Report(GraphErrorCodes.UnknownSourceHandle,
            $"Edge {name} reads output '{handle}' of node {edge.Source.Name}, which has no such output; use one of {Choices(ports.Outputs, WellKnown.SelfHandle)}.",
            edge.Source.Id, edgeId, $"{edge.Path}.sourceHandle");
        return null;
    }

    private static ConnectionType? TargetType(CompilationContext context, CompiledEdge edge, string handle, string name, string? edgeId)
    {
        if (edge.Target.Ports is not { } ports) return null;
        if (ports.Inputs.FirstOrDefault(p => p.Id == handle) is { } port) return port.ConnectionType;

        context.Report(GraphErrorCodes.UnknownTargetHandle,
            ports.Inputs.Count == 0
                ? $"Edge {name} feeds input '{handle}' of node {edge.Target.Name}, which takes no inputs; remove both handles to keep the edge for ordering only."
                : $"Edge {name} feeds input '{handle}' of node {edge.Target.Name}, which has no such input; use one of {Choices(ports.Inputs)}.",
            edge.Target.Id, edgeId, $"{edge.Path}.targetHandle");
        return null;
    }

    private static string Choices(IReadOnlyList<PortDescriptor> ports, params string[] extra)
    {
        var ids = ports.Select(p => p.Id).Concat(extra).Select(id => $"'{id}'").ToList();
        return ids.Count == 0 ? "no ports" : string.Join(", ", ids);
    }

    private static string Name(GraphEdge edge, int index) =>
        string.IsNullOrEmpty(edge.Id) ? $"#{index + 1}" : $"'{edge.Id}'";
}
