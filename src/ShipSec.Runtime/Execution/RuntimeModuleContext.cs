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
/// The worker's <see cref="ModuleContext"/>: log lines, progress and artifacts become NODE_LOG / NODE_PROGRESS / NODE_ARTIFACT
/// events with ids numbered per attempt, written to the attempt's (secret-masking) execution log. Log lines are live in the trace
/// up to the per-node cap and rate limit of <see cref="TraceOptions"/>; beyond them a warning NODE_LOG says how many lines were
/// left out. Every line is also spooled (masked), and when any was left out the whole output becomes the artifact
/// <c>&lt;nodeId&gt;-output.log</c> at the end of the attempt (<see cref="CompleteOutputAsync"/>); otherwise the trace holds it all
/// and the spool is discarded. Progress reports are coalesced to the attempt's progress rate (<see cref="NodeProgressCoalescer"/>);
/// the last one reaches the trace by the end of the attempt.
/// </summary>
public sealed class RuntimeModuleContext : ModuleContext
{
    private readonly Lock _output = new();
    private NodeOutputSpool? _spool = new();
    private NodeLogLimiter? _limiter;
    private NodeProgressCoalescer? _progressCoalescer;
    private long _logs;
    private long _progress;
    private long _artifacts;

    /// <summary>Where the events go: the attempt's execution log.</summary>
    public required IExecutionLog ExecutionLog { get; init; }
    public required ArtifactRecorder Artifacts { get; init; }
    public required TimeProvider Clock { get; init; }
    /// <summary>The log line cap and rate limit, and the progress rate.</summary>
    public required TraceOptions Trace { get; init; }
    public required TraceMetrics Metrics { get; init; }
    /// <summary>Masks secrets in the spooled output (the execution log masks the events).</summary>
    public SecretMask OutputMask { get; init; } = new([]);
    /// <summary>Uploaded files, for <see cref="OpenFile"/>; null where the host serves none.</summary>
    public FileLibrary? Files { get; init; }
    /// <summary>The Docker runner, where the host has one configured; without it <see cref="Containers"/> fails clearly.</summary>
    public IContainerRunner? ContainerRunner { get; init; }
    /// <summary>Secret values this attempt received; they are masked inside the artifacts it emits too.</summary>
    public IReadOnlyList<string> SecretValues { get; init; } = [];

    public override IContainerRunner Containers => ContainerRunner ?? base.Containers;

    /// <summary>The name of the artifact that receives the full output when lines were left out of the trace.</summary>
    public string OutputArtifactName => $"{NodeId}-output.log";

    private NodeLogLimiter Limiter => _limiter ??= new(Trace.MaxLogLinesPerNode, Trace.MaxLogLinesPerSecond, OutputArtifactName, Clock);

    private NodeProgressCoalescer ProgressCoalescer => _progressCoalescer ??= new(Trace.MaxProgressPerSecond, Clock, EmitProgress);

    public override void Log(string line, string stream = "module", TraceLevel level = TraceLevel.Info)
    {
        lock (_output)
        {
            _spool?.Write(OutputMask.Text(line));
            var decision = Limiter.Admit();
            if (decision.Notice is { } notice) EmitNotice(notice);
            if (decision.Keep) EmitLine(line, stream, level, droppedLines: null);
            else Metrics.LogLinesDropped.Add(1);
        }
    }

    public override void Progress(long? current, long? total, string message, string? unit = null)
    {
        NodeProgressCoalescer coalescer;
        lock (_output) coalescer = ProgressCoalescer;
        coalescer.Report(new ProgressReport(current, total, message, unit));
    }

    public override Task<ArtifactInfo> EmitArtifact(string name, string contentType, Stream content) =>
        RecordArtifactAsync(name, contentType, content, CancellationToken);

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

    /// <summary>
    /// Ends the attempt's output: a progress report still held back goes into the trace (later reports are ignored); when lines
    /// were left out of the trace, the closing count goes into the trace and the full output is stored as
    /// <see cref="OutputArtifactName"/> (even when the attempt was cancelled: that is when it is wanted most).
    /// </summary>
    public async Task CompleteOutputAsync()
    {
        NodeOutputSpool? spool;
        LogNotice? summary;
        lock (_output)
        {
            ProgressCoalescer.Complete();
            spool = _spool;
            _spool = null;
            summary = _limiter?.Summary();
            if (summary is not null) EmitNotice(summary);
        }
        if (spool is null) return;
        using (spool)
        {
            if (summary is null) return;
            try
            {
                await RecordArtifactAsync(OutputArtifactName, "text/plain; charset=utf-8", spool.ReadBack(), CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The attempt's result stands; the trace says why the full output is missing.
                EmitLine($"The full output could not be stored as artifact {OutputArtifactName}: {e.Message}", "module", TraceLevel.Warn, droppedLines: null);
            }
        }
    }

    private async Task<ArtifactInfo> RecordArtifactAsync(string name, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _artifacts);
        var artifactId = ArtifactIds.For(RunId, NodeId, Attempt, n);
        var masked = SecretValues.Count == 0 ? content : new SecretMaskingStream(content, SecretValues);
        var info = await Artifacts.RecordAsync(RunId, NodeId, artifactId, name, contentType, masked, cancellationToken);
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

    private void EmitProgress(ProgressReport report) =>
        Emit(TraceEventType.NodeProgress, "progress", Interlocked.Increment(ref _progress), TraceLevel.Info, report.Message,
            new Dictionary<string, object?> { ["current"] = report.Current, ["total"] = report.Total, ["unit"] = report.Unit, ["message"] = report.Message });

    private void EmitNotice(LogNotice notice) => EmitLine(notice.Message, "module", TraceLevel.Warn, notice.DroppedLines);

    private void EmitLine(string line, string stream, TraceLevel level, long? droppedLines) =>
        Emit(TraceEventType.NodeLog, "log", Interlocked.Increment(ref _logs), level, line,
            new Dictionary<string, object?> { ["stream"] = stream, ["line"] = line, ["droppedLines"] = droppedLines });

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
