namespace ShipSec.Runtime.Errors;

/// <summary>A request value is out of range or unknown (a bad query parameter or header); <see cref="Parameter"/> names it (HTTP 400).</summary>
public sealed class InvalidRequestException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
