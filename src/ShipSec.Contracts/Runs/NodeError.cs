using System.Text.Json;

namespace ShipSec.Contracts.Runs;

/// <summary>A failed node attempt as reported in NODE_FAILED and node-io: the error kind, a message, whether a retry may help.</summary>
public sealed record NodeError
{
    /// <summary>Error kind, e.g. <c>ValidationError</c>, <c>TimeoutError</c>, <c>NetworkError</c>; retry policies match on it.</summary>
    public string Type { get; init; } = "";
    public string Message { get; init; } = "";
    public bool Retryable { get; init; }
    public JsonElement? Details { get; init; }
}

/// <summary>Error kinds the engine itself produces.</summary>
public static class NodeErrorTypes
{
    public const string Timeout = "TimeoutError";
    public const string Cancelled = "CancelledError";
    public const string Internal = "InternalError";
    public const string Validation = "ValidationError";
    public const string Configuration = "ConfigurationError";
    public const string Authentication = "AuthenticationError";
    public const string NotFound = "NotFoundError";
    public const string Network = "NetworkError";
    public const string Container = "ContainerError";
}
