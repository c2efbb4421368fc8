using System.Security.Cryptography;
using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Modules;

namespace ShipSec.Activities.Tests.Support;

/// <summary>A <see cref="ModuleContext"/> that records what a module reports (logs, progress, artifacts in memory, heartbeats) for unit tests.</summary>
public sealed class TestModuleContext : ModuleContext
{
    private readonly Lock _gate = new();
    private readonly List<LogLine> _logs = [];
    private readonly List<ProgressReport> _progress = [];
    private readonly List<StoredArtifact> _artifacts = [];
    private int _heartbeats;

    public IReadOnlyList<LogLine> Logs { get { lock (_gate) return [.. _logs]; } }
    public IReadOnlyList<ProgressReport> ProgressReports { get { lock (_gate) return [.. _progress]; } }
    public IReadOnlyList<StoredArtifact> Artifacts { get { lock (_gate) return [.. _artifacts]; } }
    public int Heartbeats => Volatile.Read(ref _heartbeats);

    /// <summary>A context for one attempt of <paramref name="module"/>; inputs and parameters are plain objects serialised with the contract options.</summary>
    public static TestModuleContext For(IModule module, object? inputs = null, object? parameters = null, int attempt = 1, CancellationToken cancellationToken = default) =>
        new()
        {
            RunId = "run-test",
            WorkflowId = "workflow-test",
            NodeId = "node-test",
            ComponentId = module.Descriptor.Id,
            Attempt = attempt,
            Inputs = ToElements(inputs),
            Params = ToElements(parameters),
            CancellationToken = cancellationToken,
            Module = module,
        };

    /// <summary>Runs the context's module against this context.</summary>
    public Task<ModuleResult> Run() => Module.ExecuteAsync(this);

    public override void Log(string line, string stream = "module", TraceLevel level = TraceLevel.Info)
    {
        lock (_gate) _logs.Add(new LogLine(line, stream, level));
    }

    public override void Progress(long? current, long? total, string message, string? unit = null)
    {
        lock (_gate) _progress.Add(new ProgressReport(current, total, message, unit));
    }

    public override async Task<ArtifactInfo> EmitArtifact(string name, string contentType, Stream content)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, CancellationToken);
        var bytes = buffer.ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var info = new ArtifactInfo($"artifact-{Guid.NewGuid():N}", name, contentType, bytes.Length, sha256);
        lock (_gate) _artifacts.Add(new StoredArtifact(info, bytes));
        return info;
    }

    public override void Heartbeat() => Interlocked.Increment(ref _heartbeats);

    private static Dictionary<string, JsonElement> ToElements(object? values)
    {
        if (values is null) return [];
        var element = JsonSerializer.SerializeToElement(values, ShipSecJson.Options);
        return element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}

/// <summary>A recorded log line.</summary>
public sealed record LogLine(string Line, string Stream, TraceLevel Level);

/// <summary>A recorded progress report.</summary>
public sealed record ProgressReport(long? Current, long? Total, string Message, string? Unit);

/// <summary>A recorded artifact with its bytes.</summary>
public sealed record StoredArtifact(ArtifactInfo Info, byte[] Content);
