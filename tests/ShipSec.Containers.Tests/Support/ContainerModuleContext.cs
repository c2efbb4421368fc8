using System.Security.Cryptography;
using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Modules;
using ShipSec.Modules.Containers;

namespace ShipSec.Containers.Tests.Support;

/// <summary>A <see cref="ModuleContext"/> whose containers run on the test daemon; it records logs, progress, artifacts and heartbeats in order.</summary>
public sealed class ContainerModuleContext : ModuleContext
{
    private readonly Lock _gate = new();
    private readonly List<object> _events = [];
    private IContainerRunner? _containers;

    /// <summary>Everything reported, in order: <see cref="LogLine"/>, <see cref="ProgressReport"/>, <see cref="StoredArtifact"/>, <see cref="HeartbeatMark"/>.</summary>
    public IReadOnlyList<object> Events { get { lock (_gate) return [.. _events]; } }

    public IReadOnlyList<LogLine> Logs => Events.OfType<LogLine>().ToList();

    public IReadOnlyList<ProgressReport> ProgressReports => Events.OfType<ProgressReport>().ToList();

    public IReadOnlyList<StoredArtifact> Artifacts => Events.OfType<StoredArtifact>().ToList();

    public override IContainerRunner Containers => _containers ?? base.Containers;

    /// <summary>A context for one attempt of <paramref name="module"/> whose containers run on <paramref name="runner"/> (null: none configured).</summary>
    public static ContainerModuleContext For(IModule module, IContainerRunner? runner, object? inputs = null, object? parameters = null,
        string? runId = null, CancellationToken cancellationToken = default) =>
        new()
        {
            RunId = runId ?? DockerHost.NewRunId(),
            WorkflowId = "workflow-test",
            NodeId = "node-" + module.Descriptor.Id,
            ComponentId = module.Descriptor.Id,
            Attempt = 1,
            Inputs = ToElements(inputs),
            Params = ToElements(parameters),
            CancellationToken = cancellationToken,
            Module = module,
            _containers = runner,
        };

    public Task<ModuleResult> Run() => Module.ExecuteAsync(this);

    public override void Log(string line, string stream = "module", TraceLevel level = TraceLevel.Info) => Record(new LogLine(line, stream, level));

    public override void Progress(long? current, long? total, string message, string? unit = null) => Record(new ProgressReport(current, total, message, unit));

    public override async Task<ArtifactInfo> EmitArtifact(string name, string contentType, Stream content)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, CancellationToken);
        var bytes = buffer.ToArray();
        var info = new ArtifactInfo($"artifact-{Guid.NewGuid():N}", name, contentType, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Record(new StoredArtifact(info, bytes));
        return info;
    }

    public override void Heartbeat() => Record(new HeartbeatMark());

    private void Record(object item)
    {
        lock (_gate) _events.Add(item);
    }

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

/// <summary>A recorded heartbeat.</summary>
public sealed record HeartbeatMark;
