using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShipSec.Contracts.Components;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Json;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Core.Entrypoint;

/// <summary>
/// <c>core.workflow.entrypoint</c>: declares the inputs a run asks for (one output port per runtime input) and,
/// when the run starts, checks the values it was given, applies defaults and hands them on.
/// </summary>
public sealed class EntrypointModule : IModule
{
    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create(WellKnown.EntrypointComponent, "Workflow entry point")
        .Category("core")
        .Description(
            "Starts the workflow. Each runtime input becomes an output port carrying the value given when the run starts " +
            "(or its default); required inputs and value types are checked before anything else runs.")
        .JsonParameter(
            WellKnown.RuntimeInputsParam, "Runtime inputs", Array.Empty<object>(),
            "Inputs the run asks for: [{id, label, type: text|number|boolean|json|array|file|secret, required, description?, defaultValue?}].")
        .Build();

    public ResolvedPorts ResolvePorts(IReadOnlyDictionary<string, JsonElement> parameters) =>
        new([], ReadRuntimeInputs(parameters).Select(ToPort).ToList());

    public Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var declared = ReadRuntimeInputs(context.Params);
        var outputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var input in declared)
        {
            var value = context.Inputs.TryGetValue(input.Id, out var given) && !IsMissing(given) ? given
                : input.DefaultValue is { } fallback && !IsMissing(fallback) ? fallback
                : (JsonElement?)null;

            if (value is null)
            {
                if (input.Required) problems.Add($"'{input.Id}' is required");
                outputs[input.Id] = JsonSerializer.SerializeToElement<object?>(null);
                continue;
            }

            if (RuntimeInputValue.TryCoerce(input.Type, value.Value, out var coerced, out var expected))
                outputs[input.Id] = coerced;
            else
                problems.Add($"'{input.Id}' must be {expected}, got {Describe(value.Value)}");
        }

        if (problems.Count > 0)
            throw new ModuleException(
                ModuleErrorKind.Validation,
                $"The run's inputs are invalid: {string.Join("; ", problems)}.",
                new { fields = problems });

        var ignored = context.Inputs.Keys.Where(k => declared.All(d => d.Id != k)).ToList();
        if (ignored.Count > 0)
            context.Log($"ignoring inputs not declared in runtimeInputs: {string.Join(", ", ignored)}", level: Contracts.Trace.TraceLevel.Warn);
        // Only ids are logged: a runtime input may be a secret.
        context.Log($"run inputs: {string.Join(", ", declared.Select(d => d.Id))}");
        return Task.FromResult(new ModuleResult(outputs));
    }

    /// <summary>Reads <c>params.runtimeInputs</c>, accepting ShipSec Studio's <c>string</c> type as <c>text</c>.</summary>
    private static List<RuntimeInput> ReadRuntimeInputs(IReadOnlyDictionary<string, JsonElement> parameters)
    {
        if (!parameters.TryGetValue(WellKnown.RuntimeInputsParam, out var raw) || raw.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return [];
        if (raw.ValueKind != JsonValueKind.Array)
            throw new ModuleException(ModuleErrorKind.Validation, $"'{WellKnown.RuntimeInputsParam}' must be an array of runtime inputs.");

        var items = JsonNode.Parse(raw.GetRawText())!.AsArray();
        foreach (var item in items.OfType<JsonObject>())
        {
            if (item["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name.Equals("string", StringComparison.OrdinalIgnoreCase))
                item["type"] = "text";
        }
        var inputs = ModuleValues.Convert<List<RuntimeInput>>(JsonSerializer.SerializeToElement(items, ShipSecJson.Options), WellKnown.RuntimeInputsParam);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (string.IsNullOrWhiteSpace(input.Id))
                throw new ModuleException(ModuleErrorKind.Validation, $"Every entry of '{WellKnown.RuntimeInputsParam}' needs an id.");
            if (!seen.Add(input.Id))
                throw new ModuleException(ModuleErrorKind.Validation, $"'{WellKnown.RuntimeInputsParam}' declares the input '{input.Id}' twice.");
        }
        return inputs;
    }

    private static PortDescriptor ToPort(RuntimeInput input) => new()
    {
        Id = input.Id,
        Label = string.IsNullOrWhiteSpace(input.Label) ? input.Id : input.Label,
        ConnectionType = RuntimeInputValue.ConnectionTypeOf(input.Type),
        Description = input.Description,
    };

    private static bool IsMissing(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => string.Create(CultureInfo.InvariantCulture, $"text of {value.GetString()!.Length} characters"),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
