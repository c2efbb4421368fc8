using System.Globalization;
using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Inputs;

namespace ShipSec.Flowchart.Compilation.Rules;

/// <summary>
/// Every required parameter is set (or has a default) and every set parameter has the JSON type its descriptor
/// declares. Parameters the component does not declare are left alone (designers keep stale ones).
/// Messages never echo values: a parameter may hold a secret.
/// </summary>
internal static class ParameterRules
{
    public static void Check(CompilationContext context)
    {
        foreach (var node in context.Nodes)
        {
            if (node.Component is null) continue;
            foreach (var parameter in node.Component.Parameters)
            {
                // The entry node's input list has its own, more precise rule (RuntimeInputs).
                if (node.IsEntry && parameter.Id == WellKnown.RuntimeInputsParam) continue;
                CheckParameter(context, node, parameter);
            }
        }
    }

    private static void CheckParameter(CompilationContext context, CompiledNode node, ParameterDescriptor parameter)
    {
        var field = $"{FieldPath.Config(node.Index)}.params.{parameter.Id}";
        var isSet = node.Config.Params.TryGetValue(parameter.Id, out var value) && JsonValues.IsPresent(value);
        if (!isSet || (value.ValueKind == JsonValueKind.String && value.GetString() == ""))
        {
            if (parameter.Required && !(parameter.Default is { } fallback && JsonValues.IsPresent(fallback)))
                context.Report(GraphErrorCodes.MissingRequiredParameter,
                    $"Node {node.Name} needs parameter '{parameter.Id}' ({Label(parameter)}); set it.", node.Id, field: field);
            return;
        }

        if (Problem(parameter, value) is { } problem)
            context.Report(GraphErrorCodes.InvalidParameter,
                $"Node {node.Name}: parameter '{parameter.Id}' {problem}.", node.Id, field: field);
    }

    private static string Label(ParameterDescriptor parameter) =>
        string.IsNullOrWhiteSpace(parameter.Label) ? parameter.Type : $"{parameter.Label}, {parameter.Type}";

    /// <summary>Why <paramref name="value"/> does not fit <paramref name="parameter"/>, or null when it does.</summary>
    private static string? Problem(ParameterDescriptor parameter, JsonElement value)
    {
        switch (parameter.Type)
        {
            case "text" or "textarea" or "secret":
                return value.ValueKind == JsonValueKind.String ? null : Expected("a string", value);
            case "number":
                if (value.ValueKind != JsonValueKind.Number) return Expected("a number", value);
                var number = value.GetDouble();
                if (parameter.Min is { } min && number < min) return $"must be at least {Format(min)}";
                if (parameter.Max is { } max && number > max) return $"must be at most {Format(max)}";
                return null;
            case "boolean":
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Expected("true or false", value);
            case "select":
                if (value.ValueKind != JsonValueKind.String) return Expected("a string", value);
                return IsOption(parameter, value.GetString()!) ? null : $"must be one of {Options(parameter)}";
            case "multi-select":
                if (value.ValueKind != JsonValueKind.Array) return Expected("an array of strings", value);
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String) return Expected("an array of strings", value);
                    if (!IsOption(parameter, item.GetString()!)) return $"may only contain {Options(parameter)}";
                }
                return null;
            case "list":
                return value.ValueKind == JsonValueKind.Array ? null : Expected("an array", value);
            default:
                // json and component-specific editors accept any JSON value.
                return null;
        }
    }

    private static string Expected(string expected, JsonElement value) =>
        $"must be {expected}, but is {JsonValues.DescribeKind(value)}";

    private static bool IsOption(ParameterDescriptor parameter, string value) =>
        parameter.Options is null || parameter.Options.Any(o => o.Value == value);

    private static string Options(ParameterDescriptor parameter) =>
        string.Join(", ", (parameter.Options ?? []).Select(o => $"\"{o.Value}\""));

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
