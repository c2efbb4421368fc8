using System.Text.Json;

namespace ShipSec.Contracts.Graph;

/// <summary>One input the entry node asks for when a run starts (entry node's <c>params.runtimeInputs</c>).</summary>
public sealed record RuntimeInput
{
    public string Id { get; init; } = "";
    public string Label { get; init; } = "";
    public RuntimeInputType Type { get; init; } = RuntimeInputType.Text;
    public bool Required { get; init; }
    public string? Description { get; init; }
    public JsonElement? DefaultValue { get; init; }
}

/// <summary>Value types a runtime input accepts.</summary>
public enum RuntimeInputType { Text, Number, Boolean, Json, Array, File, Secret }

/// <summary>Well-known component ids and handles the compiler and engine treat specially.</summary>
public static class WellKnown
{
    public const string EntrypointComponent = "core.workflow.entrypoint";
    public const string RuntimeInputsParam = "runtimeInputs";
    /// <summary>A <c>sourceHandle</c> that means the source's whole output object.</summary>
    public const string SelfHandle = "__self__";
    /// <summary>The output an <c>error</c> edge carries: <c>{type, message, retryable, details}</c> of the failure.</summary>
    public const string ErrorHandle = "error";
}
