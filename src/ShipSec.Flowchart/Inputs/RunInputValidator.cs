using System.Text.Json;
using ShipSec.Contracts.Graph;

namespace ShipSec.Flowchart.Inputs;

/// <summary>
/// Checks the inputs a run is started with against the entry node's declared runtime inputs and applies defaults.
/// Types are strict: a numeric string is not a number, a comma-separated string is not an array.
/// Messages name inputs and kinds, never values (an input may be a secret).
/// </summary>
public static class RunInputValidator
{
    public const string MissingRequiredInput = "missing-required-input";
    public const string WrongType = "wrong-type";
    public const string UnknownInput = "unknown-input";
    public const string InvalidDefault = "invalid-default";

    /// <summary>
    /// The run's inputs by id, in declaration order, with defaults filled in for inputs not supplied (optional inputs
    /// with neither are left out). A JSON null counts as not supplied. Throws <see cref="RunInputValidationException"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonElement> Validate(
        IReadOnlyList<RuntimeInput> declared, IReadOnlyDictionary<string, JsonElement>? supplied)
    {
        ArgumentNullException.ThrowIfNull(declared);
        supplied ??= new Dictionary<string, JsonElement>();

        var errors = new List<RunInputError>();
        var declaredIds = declared.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in supplied.Keys.Where(id => !declaredIds.Contains(id)))
        {
            var known = declared.Count == 0 ? "this workflow takes no inputs" : $"it takes {string.Join(", ", declared.Select(d => $"'{d.Id}'"))}";
            errors.Add(new RunInputError(id, UnknownInput, $"Input '{id}' is not an input of this workflow; {known}."));
        }

        var normalised = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var input in declared)
        {
            if (normalised.ContainsKey(input.Id)) continue;
            if (supplied.TryGetValue(input.Id, out var value) && IsGiven(value))
            {
                if (RuntimeInputTypes.Accepts(input.Type, value))
                    normalised[input.Id] = value;
                else
                    errors.Add(new RunInputError(input.Id, WrongType,
                        $"Input '{input.Id}' must be {RuntimeInputTypes.Expectation(input.Type)}, but {JsonValues.DescribeKind(value)} was given."));
            }
            else if (input.DefaultValue is { } fallback && JsonValues.IsPresent(fallback))
            {
                if (RuntimeInputTypes.Accepts(input.Type, fallback))
                    normalised[input.Id] = fallback;
                else
                    errors.Add(new RunInputError(input.Id, InvalidDefault,
                        $"Input '{input.Id}' was not given and its default value is not {RuntimeInputTypes.Expectation(input.Type)}; supply the input or fix the default in the workflow."));
            }
            else if (input.Required)
            {
                errors.Add(new RunInputError(input.Id, MissingRequiredInput,
                    $"Input '{input.Id}'{Label(input)} is required; supply {RuntimeInputTypes.Expectation(input.Type)}."));
            }
        }

        if (errors.Count > 0) throw new RunInputValidationException(errors);
        return normalised;
    }

    /// <summary>Null and the empty string both mean "left blank".</summary>
    private static bool IsGiven(JsonElement value) =>
        JsonValues.IsPresent(value) && !(value.ValueKind == JsonValueKind.String && value.GetString() == "");

    private static string Label(RuntimeInput input) =>
        string.IsNullOrWhiteSpace(input.Label) || input.Label == input.Id ? "" : $" ({input.Label})";
}
