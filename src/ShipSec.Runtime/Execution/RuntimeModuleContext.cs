using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Pipeline;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Artifacts;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Files;
using ShipSec.Runtime.Secrets;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Runtime.Execution;

/// <summary>
/// The worker's <see cref="ModuleContext"/>: log lines, progress and artifacts become NODE_LOG / NODE_PROGRESS /
/// NODE_ARTIFACT events with ids numbered per attempt, written to the attempt's (secret-masking) execution log.
/// </summary>
public sealed class RuntimeModuleContext : ModuleContext
{
    private long _logs;
    private long _progress;
    private long _artifacts;

    /// <summary>Where the events go: the attempt's execution log.</summary>
    public required IExecutionLog ExecutionLog { get; init; }
    public required ArtifactRecorder Artifacts { get; init; }
    public required TimeProvider Clock { get; init; }
    /// <summary>Uploaded files, for <see cref="OpenFile"/>; null where the host serves none.</summary>
    public FileLibrary? Files { get; init; }
    /// <summary>The Docker runner, where the host has one configured; without it <see cref="Containers"/> fails clearly.</summary>
    public IContainerRunner? ContainerRunner { get; init; }
    /// <summary>Secret values this attempt received; they are masked inside the artifacts it emits too.</summary>
    public IReadOnlyList<string> SecretValues { get; init; } = [];

    public override IContainerRunner Containers => ContainerRunner ?? base.Containers;

    public override void Log(string line, string stream = "module", TraceLevel level = TraceLevel.Info)
    {
        Emit(TraceEventType.NodeLog, "log", Interlocked.Increment(ref _logs), level, line,
            new Dictionary<string, object?> { ["stream"] = stream, ["line"] = line });
    }

    public override void Progress(long? current, long? total, string message, string? unit = null)
    {
        Emit(TraceEventType.NodeProgress, "progress", Interlocked.Increment(ref _progress), TraceLevel.Info, message,
            new Dictionary<string, object?> { ["current"] = current, ["total"] = total, ["unit"] = unit, ["message"] = message });
    }

    public override async Task<ArtifactInfo> EmitArtifact(string name, string contentType, Stream content)
    {
        var n = Interlocked.Increment(ref _artifacts);
        var artifactId = ArtifactIds.For(RunId, NodeId, Attempt, n);
        var masked = SecretValues.Count == 0 ? content : new SecretMaskingStream(content, SecretValues);
        var info = await Artifacts.RecordAsync(RunId, NodeId, artifactId, name, contentType, masked, CancellationToken);
        Emit(TraceEventType.NodeArtifact, "artifact", n, TraceLevel.Info, $"artifact {info.Name}",
            new Dictionary<string, object?>
            {
                ["artifactId"] = info.ArtifactId,
                ["name"] = info.Name,
                ["contentType"] = info.ContentType,
                ["size"] = info.Size,
                ["sha256"] = info.Sha256,
            });
        return info;
    }

    public override async Task<UploadedFile> OpenFile(string fileId)
    {
        if (Files is null) return await base.OpenFile(fileId);
        try
        {
            var opened = await Files.OpenAsync(fileId, CancellationToken);
            return new UploadedFile(opened.File.Id, opened.File.Name, opened.File.MimeType, opened.File.Size, opened.Content);
        }
        catch (NotFoundException e)
        {
            throw new ModuleException(ModuleErrorKind.NotFound, e.Message);
        }
    }

    /// <summary>Called on <see cref="Heartbeat"/>: the worker notes it and records it with the next lease renewal.</summary>
    public Action? OnHeartbeat { get; init; }

    /// <summary>The worker renews the attempt's lease while it runs; a heartbeat also records that the module itself is alive.</summary>
    public override void Heartbeat() => OnHeartbeat?.Invoke();

    private void Emit(TraceEventType type, string kind, long n, TraceLevel level, string? message, Dictionary<string, object?> data) =>
        ExecutionLog.Append(new TraceEvent
        {
            Id = TraceEventIds.ForAttempt(RunId, NodeId, Attempt, kind, n),
            RunId = RunId,
            WorkflowId = WorkflowId,
            NodeId = NodeId,
            Type = type,
            Level = level,
            Timestamp = Clock.GetUtcNow(),
            Attempt = Attempt,
            Message = message,
            Data = JsonSerializer.SerializeToElement(data.Where(kv => kv.Value is not null).ToDictionary(), ShipSecJson.Options),
        });
}
