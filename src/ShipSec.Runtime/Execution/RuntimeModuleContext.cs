using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Modules;
using ShipSec.Runtime.Artifacts;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Runtime.Execution;

/// <summary>
/// The worker's <see cref="ModuleContext"/>: log lines, progress and artifacts become NODE_LOG / NODE_PROGRESS /
/// NODE_ARTIFACT events with ids numbered per attempt, and known secret values are masked in what is emitted.
/// </summary>
public sealed class RuntimeModuleContext : ModuleContext
{
    private const string Mask = "***";

    private long _logs;
    private long _progress;
    private long _artifacts;

    public required TraceEmitter Trace { get; init; }
    public required ArtifactRecorder Artifacts { get; init; }
    public required TimeProvider Clock { get; init; }
    /// <summary>Values that must never appear in events (secret inputs of this attempt).</summary>
    public IReadOnlyList<string> SecretValues { get; init; } = [];

    public override void Log(string line, string stream = "module", TraceLevel level = TraceLevel.Info)
    {
        var masked = MaskSecrets(line);
        Emit(TraceEventType.NodeLog, "log", Interlocked.Increment(ref _logs), level, masked,
            new Dictionary<string, object?> { ["stream"] = stream, ["line"] = masked });
    }

    public override void Progress(long? current, long? total, string message, string? unit = null)
    {
        var masked = MaskSecrets(message);
        Emit(TraceEventType.NodeProgress, "progress", Interlocked.Increment(ref _progress), TraceLevel.Info, masked,
            new Dictionary<string, object?> { ["current"] = current, ["total"] = total, ["unit"] = unit, ["message"] = masked });
    }

    public override async Task<ArtifactInfo> EmitArtifact(string name, string contentType, Stream content)
    {
        var n = Interlocked.Increment(ref _artifacts);
        var artifactId = ArtifactIds.For(RunId, NodeId, Attempt, n);
        var info = await Artifacts.RecordAsync(RunId, NodeId, artifactId, name, contentType, content, CancellationToken);
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

    /// <summary>Leases come with the distributed runtime; in one process an attempt cannot be lost without its worker.</summary>
    public override void Heartbeat()
    {
    }

    private void Emit(TraceEventType type, string kind, long n, TraceLevel level, string? message, Dictionary<string, object?> data) =>
        Trace.Emit(new TraceEvent
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

    private string MaskSecrets(string text)
    {
        foreach (var secret in SecretValues)
        {
            if (secret.Length > 0) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }
}
