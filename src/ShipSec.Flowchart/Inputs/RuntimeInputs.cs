using System.Text.Json;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;

namespace ShipSec.Flowchart.Inputs;

/// <summary>
/// Reads the runtime inputs an entry node declares in <c>params.runtimeInputs</c>: an array of
/// <c>{id, label, type, required, description?, defaultValue?}</c>. As in ShipSec Studio, <c>required</c> defaults to
/// true, <c>label</c> to the id, and type <c>string</c> means text.
/// </summary>
public static class RuntimeInputs
{
    /// <summary>The inputs of the graph's single entry node; throws <see cref="GraphValidationException"/> if it has none, several, or a malformed list.</summary>
    public static IReadOnlyList<RuntimeInput> Read(WorkflowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var entries = graph.Nodes
            .Select((node, index) => (node, index))
            .Where(x => x.node.Type == WellKnown.EntrypointComponent)
            .ToList();
        if (entries.Count != 1)
        {
            throw new GraphValidationException([entries.Count == 0
                ? new GraphValidationError(GraphErrorCodes.MissingEntrypoint,
                    $"The workflow has no entry node; add one node of type '{WellKnown.EntrypointComponent}'.", Field: "nodes")
                : new GraphValidationError(GraphErrorCodes.MultipleEntrypoints,
                    $"The workflow has {entries.Count} entry nodes; keep exactly one.", entries[1].node.Id, Field: $"nodes[{entries[1].index}].type")]);
        }

        var (entry, at) = entries[0];
        return ReadOrThrow(entry.Data.Config.Params, $"nodes[{at}].data.config.params", entry.Id);
    }

    /// <summary>The inputs of a compiled definition's entry action.</summary>
    public static IReadOnlyList<RuntimeInput> Read(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var entry = definition.Actions.FirstOrDefault(a => a.Ref == definition.Entrypoint.Ref)
            ?? throw new GraphValidationException([new GraphValidationError(GraphErrorCodes.MissingEntrypoint,
                $"The definition's entrypoint '{definition.Entrypoint.Ref}' is not one of its actions.", Field: "entrypoint.ref")]);
        return ReadOrThrow(entry.Params, $"actions[{entry.Ref}].params", entry.Ref);
    }

    /// <summary>The inputs declared by an entry node's parameters (what its module uses to compute its output ports).</summary>
    public static IReadOnlyList<RuntimeInput> Read(IReadOnlyDictionary<string, JsonElement> entryParams) =>
        ReadOrThrow(entryParams, "params", null);

    private static IReadOnlyList<RuntimeInput> ReadOrThrow(IReadOnlyDictionary<string, JsonElement> parameters, string path, string? nodeId)
    {
        var problems = new List<GraphValidationError>();
        var inputs = Parse(parameters, path, nodeId, problems);
        return problems.Count == 0 ? inputs : throw new GraphValidationException(problems);
    }

    /// <summary>Parses the list, adding an <c>invalid-runtime-inputs</c> problem for each defect; <paramref name="paramsPath"/> prefixes the fields.</summary>
    internal static IReadOnlyList<RuntimeInput> Parse(IReadOnlyDictionary<string, JsonElement> parameters, string paramsPath,
        string? nodeId, List<GraphValidationError> problems)
    {
        var path = $"{paramsPath}.{WellKnown.RuntimeInputsParam}";
        void Problem(string field, string message) =>
            problems.Add(new GraphValidationError(GraphErrorCodes.InvalidRuntimeInputs, message, nodeId, Field: field));

        if (!parameters.TryGetValue(WellKnown.RuntimeInputsParam, out var list) || !JsonValues.IsPresent(list)) return [];
        if (list.ValueKind != JsonValueKind.Array)
        {
            Problem(path, $"runtimeInputs must be an array of inputs, but is {JsonValues.DescribeKind(list)}.");
            return [];
        }

        var inputs = new List<RuntimeInput>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            var before = problems.Count;
            var input = ParseItem(item, itemPath, Problem);
            if (problems.Count != before || input is null) continue;
            if (!ids.Add(input.Id))
            {
                Problem($"{itemPath}.id", $"Runtime input id '{input.Id}' is declared twice; input ids must be unique.");
                continue;
            }
            inputs.Add(input);
        }
        return inputs;
    }

    private static RuntimeInput? ParseItem(JsonElement item, string path, Action<string, string> problem)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem(path, $"Each runtime input must be an object {{id, label, type, required}}, but this one is {JsonValues.DescribeKind(item)}.");
            return null;
        }

        var id = String(item, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            problem($"{path}.id", "A runtime input has no id; give it a non-empty string id (it names the entry node's output).");
            return null;
        }

        var typeName = String(item, "type");
        var typeKnown = RuntimeInputTypes.TryParse(typeName ?? "", out var type);
        if (!typeKnown)
            problem($"{path}.type",
                $"Runtime input '{id}' has {(typeName is null ? "no type" : $"unknown type '{typeName}'")}; use one of {string.Join(", ", RuntimeInputTypes.Names)}.");

        var label = Optional(item, "label", JsonValueKind.String, $"{path}.label", id, problem);
        var description = Optional(item, "description", JsonValueKind.String, $"{path}.description", id, problem);
        var required = Optional(item, "required", JsonValueKind.True, $"{path}.required", id, problem);

        JsonElement? defaultValue = item.TryGetProperty("defaultValue", out var d) && JsonValues.IsPresent(d) ? d.Clone() : null;
        if (typeKnown && defaultValue is { } value && !RuntimeInputTypes.Accepts(type, value))
            problem($"{path}.defaultValue",
                $"The default value of runtime input '{id}' is {JsonValues.DescribeKind(value)}; it must be {RuntimeInputTypes.Expectation(type)}.");

        return new RuntimeInput
        {
            Id = id,
            Label = label?.GetString() ?? id,
            Type = type,
            Required = required?.ValueKind != JsonValueKind.False,
            Description = description?.GetString(),
            DefaultValue = defaultValue,
        };
    }

    private static string? String(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An optional property of the expected kind (<see cref="JsonValueKind.True"/> stands for either boolean); null when absent.</summary>
    private static JsonElement? Optional(JsonElement item, string property, JsonValueKind kind, string path, string id, Action<string, string> problem)
    {
        if (!item.TryGetProperty(property, out var value) || !JsonValues.IsPresent(value)) return null;
        var matches = kind == JsonValueKind.True ? value.ValueKind is JsonValueKind.True or JsonValueKind.False : value.ValueKind == kind;
        if (matches) return value;
        problem(path, $"Runtime input '{id}' has a {property} that is {JsonValues.DescribeKind(value)}; it must be {(kind == JsonValueKind.True ? "true or false" : "a string")}.");
        return null;
    }
}
