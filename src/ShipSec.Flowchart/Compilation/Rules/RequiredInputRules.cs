using System.Text.Json;
using ShipSec.Flowchart.Inputs;

namespace ShipSec.Flowchart.Compilation.Rules;

/// <summary>Every required input of a node is fed by a data edge or given a value in <c>inputOverrides</c>.</summary>
internal static class RequiredInputRules
{
    public static void Check(CompilationContext context)
    {
        var fed = context.Edges
            .Where(e => e.IsData)
            .Select(e => (e.Target.Id, e.Edge.TargetHandle!))
            .ToHashSet();

        foreach (var node in context.Nodes)
        {
            if (node.Ports is null) continue;
            foreach (var input in node.Ports.Inputs.Where(i => i.Required))
            {
                if (fed.Contains((node.Id, input.Id)) || HasOverride(node, input.Id)) continue;
                context.Report(GraphErrorCodes.MissingRequiredInput,
                    $"Input '{input.Id}' of node {node.Name} is required but nothing feeds it; connect an output to it or set a value in inputOverrides.",
                    node.Id, field: $"{FieldPath.Config(node.Index)}.inputOverrides.{input.Id}");
            }
        }
    }

    private static bool HasOverride(CompiledNode node, string inputId) =>
        node.Config.InputOverrides.TryGetValue(inputId, out var value)
        && JsonValues.IsPresent(value)
        && !(value.ValueKind == JsonValueKind.String && value.GetString() == "");
}
