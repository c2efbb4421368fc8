namespace ShipSec.Runtime.Errors;

/// <summary>The request is valid but clashes with the current state, e.g. cancelling a finished run (HTTP 409).</summary>
public sealed class ConflictException(string message) : Exception(message);
