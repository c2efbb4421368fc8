namespace ShipSec.Flowchart.Compilation;

/// <summary>A workflow graph was rejected; carries every problem found, not only the first (HTTP: 400 with an <c>errors</c> list).</summary>
public sealed class GraphValidationException : Exception
{
    public GraphValidationException(IReadOnlyList<GraphValidationError> errors)
        : base(Summarise(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<GraphValidationError> Errors { get; }

    private static string Summarise(IReadOnlyList<GraphValidationError> errors) => errors.Count switch
    {
        0 => "Workflow validation failed.",
        1 => $"Workflow validation failed: {errors[0].Message}",
        _ => $"Workflow validation failed with {errors.Count} problems; the first: {errors[0].Message}",
    };
}
