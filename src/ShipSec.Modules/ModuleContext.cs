using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Modules.Containers;

namespace ShipSec.Modules;

/// <summary>
/// Everything a module may touch while it runs: its inputs and parameters, and the execution-log hooks
/// (log, progress, artifacts, heartbeat) that become NODE_* trace events. Hosts subclass it.
/// </summary>
public abstract class ModuleContext
{
    public required string RunId { get; init; }
    public required string WorkflowId { get; init; }
    public required string NodeId { get; init; }
    public required string ComponentId { get; init; }
    public required int Attempt { get; init; }
    /// <summary>Resolved input values by input port id (inputOverrides and data edges).</summary>
    public required IReadOnlyDictionary<string, JsonElement> Inputs { get; init; }
    /// <summary>Parameter values as configured on the node (defaults not yet applied; use <see cref="Param{T}"/>).</summary>
    public required IReadOnlyDictionary<string, JsonElement> Params { get; init; }
    /// <summary>Signalled on cancel, run failure or node timeout.</summary>
    public required CancellationToken CancellationToken { get; init; }
    /// <summary>The module being run; parameter defaults come from its descriptor.</summary>
    public required IModule Module { get; init; }
    /// <summary>The node's effective timeout (its own setting, else the module default); null when none applies.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Appends one log line (NODE_LOG); <paramref name="stream"/> is <c>stdout</c>, <c>stderr</c> or <c>module</c>.</summary>
    public abstract void Log(string line, string stream = "module", Contracts.Trace.TraceLevel level = Contracts.Trace.TraceLevel.Info);

    /// <summary>Reports progress (NODE_PROGRESS), e.g. <c>Progress(89, 127, "scanned 89/127")</c>.</summary>
    public abstract void Progress(long? current, long? total, string message, string? unit = null);

    /// <summary>Stores an artifact (streamed, sha256 computed while writing) and emits NODE_ARTIFACT.</summary>
    public abstract Task<ArtifactInfo> EmitArtifact(string name, string contentType, Stream content);

    /// <summary>Tells the runtime the module is alive (renews the execution lease).</summary>
    public abstract void Heartbeat();

    /// <summary>Runs tool containers for this attempt; hosts with a Docker daemon override it, the default fails with a configuration error.</summary>
    public virtual IContainerRunner Containers =>
        throw new ModuleException(ModuleErrorKind.Configuration, "No container runtime is configured: start a Docker daemon and set ShipSec__Docker__Endpoint");

    /// <summary>
    /// Opens a file uploaded through the API by its id. Throws a not-found <see cref="ModuleException"/> when there is
    /// no such file, and a configuration one when the host serves no uploaded files.
    /// </summary>
    public virtual Task<UploadedFile> OpenFile(string fileId) =>
        throw new ModuleException(ModuleErrorKind.Configuration, "This host does not serve uploaded files.");

    /// <summary>Reads a parameter, falling back to the descriptor's default; null if neither exists.</summary>
    public T? Param<T>(string id)
    {
        if (Params.TryGetValue(id, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined)
            return ModuleValues.Convert<T>(value, id);
        var parameter = Module.Descriptor.Parameters.FirstOrDefault(p => p.Id == id);
        return parameter?.Default is { } d ? ModuleValues.Convert<T>(d, id) : default;
    }

    /// <summary>Reads an input; null when not connected / not set.</summary>
    public T? Input<T>(string id) =>
        Inputs.TryGetValue(id, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined
            ? ModuleValues.Convert<T>(value, id)
            : default;

    /// <summary>Reads an input or parameter of the same id: inputs win (wired data beats configuration).</summary>
    public T? InputOrParam<T>(string id) => Inputs.ContainsKey(id) ? Input<T>(id) : Param<T>(id);
}

/// <summary>A stored artifact as reported in NODE_ARTIFACT.</summary>
public sealed record ArtifactInfo(string ArtifactId, string Name, string ContentType, long Size, string Sha256);

/// <summary>Conversion of JSON values to module types with errors that name the offending field.</summary>
public static class ModuleValues
{
    /// <summary>Converts <paramref name="value"/> to <typeparamref name="T"/> or throws a validation <see cref="ModuleException"/> naming <paramref name="field"/>.</summary>
    public static T Convert<T>(JsonElement value, string field)
    {
        try
        {
            // A lone string where a list is expected is accepted as a one-element list (designers often wire text into list inputs).
            if (value.ValueKind == JsonValueKind.String && typeof(T) != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(typeof(T)))
                return JsonSerializer.Deserialize<T>($"[{value.GetRawText()}]", ShipSecJson.Options)!;
            return value.Deserialize<T>(ShipSecJson.Options)!;
        }
        catch (JsonException e)
        {
            throw new ModuleException(ModuleErrorKind.Validation, $"'{field}' must be {typeof(T).Name}: {e.Message}");
        }
    }
}
