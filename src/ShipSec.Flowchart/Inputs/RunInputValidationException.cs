namespace ShipSec.Flowchart.Inputs;

/// <summary>A run was started with inputs that do not match the entry node's runtime inputs; lists every problem (HTTP: 400).</summary>
public sealed class RunInputValidationException(IReadOnlyList<RunInputError> errors)
    : Exception(errors.Count == 1
        ? $"Run inputs are invalid: {errors[0].Message}"
        : $"Run inputs are invalid ({errors.Count} problems): {string.Join(" ", errors.Select(e => e.Message))}")
{
    public IReadOnlyList<RunInputError> Errors { get; } = errors;
}
