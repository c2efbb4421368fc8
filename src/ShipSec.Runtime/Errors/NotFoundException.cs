namespace ShipSec.Runtime.Errors;

/// <summary>A workflow, version, run, node or artifact the request names does not exist (HTTP 404).</summary>
public sealed class NotFoundException(string message) : Exception(message);
