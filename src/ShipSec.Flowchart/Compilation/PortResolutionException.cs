namespace ShipSec.Flowchart.Compilation;

/// <summary>
/// Thrown by <see cref="IComponentCatalog.ResolvePorts"/> when a node's parameters do not describe valid ports;
/// the compiler reports it as an <c>invalid-parameter</c> problem of that node.
/// </summary>
public sealed class PortResolutionException(string message, string? parameterId = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The parameter that made resolution fail, when known.</summary>
    public string? ParameterId { get; } = parameterId;
}
