using System.Text.Json;
using ShipSec.Contracts.Runs;

namespace ShipSec.Modules;

/// <summary>Kinds of module failure; each knows whether a retry may help.</summary>
public enum ModuleErrorKind
{
    Validation, Configuration, Authentication, NotFound, Permission, Container, Http,
    Network, RateLimit, Service, Timeout, ResourceUnavailable,
}

/// <summary>A failure a module reports on purpose; becomes NODE_FAILED with <c>error.type</c> = <c>{Kind}Error</c>.</summary>
public class ModuleException : Exception
{
    public ModuleException(ModuleErrorKind kind, string message, object? details = null, bool? retryable = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Retryable = retryable ?? IsRetryableByDefault(kind);
        Details = details is null ? null : JsonSerializer.SerializeToElement(details, Contracts.Json.ShipSecJson.Options);
    }

    public ModuleErrorKind Kind { get; }
    public bool Retryable { get; }
    public JsonElement? Details { get; }

    /// <summary>Error type string used in traces and retry policies, e.g. <c>ValidationError</c>.</summary>
    public string ErrorType => $"{Kind}Error";

    /// <summary>Network, rate-limit, service, timeout and resource-unavailable failures may pass on retry; the rest never do.</summary>
    public static bool IsRetryableByDefault(ModuleErrorKind kind) =>
        kind is ModuleErrorKind.Network or ModuleErrorKind.RateLimit or ModuleErrorKind.Service
            or ModuleErrorKind.Timeout or ModuleErrorKind.ResourceUnavailable;

    /// <summary>The error as the trace reports it.</summary>
    public NodeError ToNodeError() => new() { Type = ErrorType, Message = Message, Retryable = Retryable, Details = Details };
}
