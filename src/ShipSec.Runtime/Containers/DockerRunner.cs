using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ContainerSpec = ShipSec.Modules.Containers.ContainerSpec;

namespace ShipSec.Runtime.Containers;

/// <summary>
/// Runs tool containers on a Docker Engine through Docker.DotNet: create → copy inputs → attach → start → stream output lines while
/// the tool runs → wait → copy outputs → remove, the removal happening whatever ended the run. Every container is sandboxed: not
/// privileged, all capabilities dropped but the few a module declares, no new privileges, read-only root with a tmpfs /tmp,
/// memory / CPU / process limits, and no network unless the module needs one.
/// </summary>
public sealed partial class DockerRunner : IContainerRunner, IDisposable, IAsyncDisposable
{
    /// <summary>The only capabilities a module may ask for: raw sockets and network administration for SYN / ping scans, low ports.</summary>
    public static readonly FrozenSet<string> GrantableCapabilities = FrozenSet.ToFrozenSet(["NET_RAW", "NET_ADMIN", "NET_BIND_SERVICE"], StringComparer.Ordinal);

    private const int ReadBufferBytes = 64 * 1024;
    private static readonly TimeSpan CleanupLimit = TimeSpan.FromSeconds(60);

    private readonly DockerClient _client;
    private readonly DockerOptions _options;
    private readonly ILogger<DockerRunner> _logger;
    private readonly TimeProvider _clock;
    // Containers this runner created and has not removed yet: what a host shutting down mid-attempt must not leave behind.
    private readonly ConcurrentDictionary<string, byte> _live = new(StringComparer.Ordinal);

    public DockerRunner(IOptions<DockerOptions> options, ILogger<DockerRunner> logger, TimeProvider? clock = null)
    {
        _options = options.Value;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _client = new DockerClientConfiguration(new Uri(_options.Endpoint)).CreateClient();
    }

    /// <summary>The Docker.DotNet client, for callers that inspect what the runner created (health checks, tests).</summary>
    public IDockerClient Client => _client;

    public async Task<ContainerResult> RunAsync(ContainerSpec spec, IContainerOutput output, CancellationToken cancellationToken)
    {
        Validate(spec);
        cancellationToken.ThrowIfCancellationRequested();
        var image = ImageSelection.For(spec, _options);
        string? id = null;
        string? localDirectory = null;
        try
        {
            await EnsureImage(image, spec, cancellationToken);
            id = await Create(spec, image, cancellationToken);
            // Without input files the daemon creates the output directory itself (it is the working directory): one archive call less.
            if (spec.InputFiles.Count > 0)
            {
                using var inputs = WorkArchive.ForInputs(spec.InputFiles);
                await _client.Containers.ExtractArchiveToContainerAsync(id, new ContainerPathStatParameters { Path = ContainerPaths.WorkDirectory }, inputs, cancellationToken);
            }

            var execution = await Execute(id, image, spec, output, cancellationToken);
            if (!spec.AcceptedExitCodes.Contains(execution.ExitCode))
                throw await ExitFailure(id, image, spec, execution);

            localDirectory = Path.Combine(Path.GetTempPath(), "shipsec-containers", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(localDirectory);
            var files = await CollectOutputs(id, spec, localDirectory, cancellationToken);
            return new ContainerResult(localDirectory)
            {
                ExitCode = execution.ExitCode,
                Image = image,
                Duration = execution.Duration,
                StdoutLines = execution.StdoutLines,
                StderrLines = execution.StderrLines,
                StderrTail = execution.StderrTail,
                OutputFiles = files,
            };
        }
        catch (Exception exception) when (localDirectory is not null)
        {
            if (Directory.Exists(localDirectory)) Directory.Delete(localDirectory, recursive: true);
            throw Translate(exception, image, cancellationToken);
        }
        catch (Exception exception)
        {
            throw Translate(exception, image, cancellationToken);
        }
        finally
        {
            if (id is not null)
            {
                await Remove(id);
                _live.TryRemove(id, out _);
            }
        }
    }

    /// <summary>
    /// Removes managed containers (and their work volumes) that no live runner still waits for: those past their deadline label,
    /// left behind by a worker that crashed. Returns how many containers were removed.
    /// </summary>
    public async Task<int> SweepOrphansAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var removed = 0;
        foreach (var container in await ListManaged(cancellationToken))
        {
            var labels = container.Labels ?? new Dictionary<string, string>();
            var deadline = labels.TryGetValue(ContainerLabels.Deadline, out var text)
                && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
            if (deadline >= now) continue;
            labels.TryGetValue(ContainerLabels.RunId, out var runId);
            labels.TryGetValue(ContainerLabels.NodeId, out var nodeId);
            Log.RemovingOrphan(_logger, container.ID, runId, nodeId);
            await Remove(container.ID);
            removed++;
        }

        var danglingVolumes = ManagedFilter();
        danglingVolumes["dangling"] = new Dictionary<string, bool> { ["true"] = true };
        var volumes = await _client.Volumes.ListAsync(new VolumesListParameters { Filters = danglingVolumes }, cancellationToken);
        foreach (var volume in volumes.Volumes ?? [])
        {
            try
            {
                await _client.Volumes.RemoveAsync(volume.Name, force: true, cancellationToken);
            }
            catch (DockerApiException exception)
            {
                Log.CleanupFailed(_logger, volume.Name, exception);
            }
        }
        return removed;
    }

    /// <summary>Removes every container of a run, e.g. when the run is cancelled and the worker that started them is gone.</summary>
    public async Task<int> RemoveRunContainersAsync(string runId, CancellationToken cancellationToken)
    {
        var containers = await ListManaged(cancellationToken, $"{ContainerLabels.RunId}={runId}");
        foreach (var container in containers) await Remove(container.ID);
        return containers.Count;
    }

    /// <summary>
    /// Removes the containers of attempts still in flight — the host is stopping, and the attempts will run again elsewhere — then
    /// releases the client. Without this, a container killed by the shutdown would wait for the orphan sweep past its deadline.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_live.Keys.Select(Remove));
        _live.Clear();
        _client.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void Validate(ContainerSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Image)) throw new ArgumentException("A container spec needs an image.", nameof(spec));
        if (spec.Timeout <= TimeSpan.Zero) throw new ArgumentException($"Container timeout must be positive, got {spec.Timeout}.", nameof(spec));
        if (spec.Command.Concat(spec.Entrypoint ?? []).Any(argument => argument is null || argument.Contains('\0')))
            throw new ModuleException(ModuleErrorKind.Validation, "A tool argument contains a NUL character.");
        if (spec.Environment.Keys.FirstOrDefault(key => key.Length == 0 || key.Contains('=') || key.Contains('\0')) is { } badKey)
            throw new ArgumentException($"'{badKey}' is not an environment variable name.", nameof(spec));
        if (spec.Capabilities.FirstOrDefault(c => !GrantableCapabilities.Contains(c)) is { } capability)
            throw new ModuleException(ModuleErrorKind.Configuration,
                $"The module asks for capability {capability}; containers may only be granted {string.Join(", ", GrantableCapabilities.Order())}.");
    }

    private async Task EnsureImage(string image, ContainerSpec spec, CancellationToken cancellationToken)
    {
        if (await ImageExists(image, cancellationToken)) return;
        string? pullError = null;
        if (_options.PullMissingImages)
        {
            var progress = new PullProgress();
            try
            {
                await _client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = ImageSelection.PullReference(image) }, null, progress, cancellationToken);
                pullError = progress.Error;
            }
            catch (DockerApiException exception)
            {
                pullError = exception.ResponseBody;
            }
            if (await ImageExists(image, cancellationToken)) return;
        }

        var overrideKey = spec.ImageKey is null ? "" : $", set ShipSec__Docker__Images__{spec.ImageKey}";
        var local = spec.LocalImage is null ? "" : $", or build {spec.LocalImage} with scripts/build-images.sh and set ShipSec__Docker__PreferLocalImages=true";
        throw new ModuleException(ModuleErrorKind.Configuration,
            $"Image '{image}' is not present on the Docker host" + (pullError is null ? " and pulling is disabled" : $" and could not be pulled ({pullError.Trim()})")
            + $": pull it{overrideKey}{local}.",
            new { image });
    }

    private async Task<bool> ImageExists(string image, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    private async Task<string> Create(ContainerSpec spec, string image, CancellationToken cancellationToken)
    {
        var deadline = _clock.GetUtcNow() + spec.Timeout + TimeSpan.FromSeconds(_options.OrphanGraceSeconds);
        var labels = new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal)
        {
            [ContainerLabels.Managed] = "true",
            [ContainerLabels.Deadline] = deadline.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        var parameters = new CreateContainerParameters
        {
            Image = image,
            Entrypoint = spec.Entrypoint?.ToList(),
            Cmd = [.. spec.Command],
            Env = [.. spec.Environment.Select(variable => $"{variable.Key}={variable.Value}")],
            Labels = labels,
            WorkingDir = ContainerPaths.OutputDirectory,
            AttachStdout = true,
            AttachStderr = true,
            Tty = false,
            OpenStdin = false,
            HostConfig = new HostConfig
            {
                Privileged = false,
                CapDrop = ["ALL"],
                CapAdd = [.. spec.Capabilities],
                SecurityOpt = ["no-new-privileges"],
                ReadonlyRootfs = true,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = $"rw,nosuid,nodev,size={spec.Limits.TmpBytes}" },
                Memory = spec.Limits.MemoryBytes,
                MemorySwap = spec.Limits.MemoryBytes,
                NanoCPUs = (long)(spec.Limits.Cpus * 1_000_000_000),
                PidsLimit = spec.Limits.Pids,
                NetworkMode = spec.NeedsNetwork ? _options.Network : "none",
                // An anonymous volume: writable under the read-only root, reachable through the archive API, removed with the container.
                Mounts =
                [
                    new Mount
                    {
                        Type = "volume",
                        Target = ContainerPaths.WorkDirectory,
                        VolumeOptions = new VolumeOptions { Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal) },
                    },
                ],
                // Output is streamed through attach; a logging driver would copy all of it to the daemon's disk as well.
                LogConfig = new LogConfig { Type = "none" },
                AutoRemove = false,
            },
        };
        var created = await _client.Containers.CreateContainerAsync(parameters, cancellationToken);
        _live[created.ID] = 0;
        Log.Created(_logger, created.ID, image, spec.Labels.GetValueOrDefault(ContainerLabels.RunId), spec.Labels.GetValueOrDefault(ContainerLabels.NodeId));
        return created.ID;
    }

    private async Task<Execution> Execute(string id, string image, ContainerSpec spec, IContainerOutput output, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(spec.Timeout, _clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var stream = await _client.Containers.AttachContainerAsync(id, tty: false,
            new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, cancellationToken);
        await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);
        var started = _clock.GetTimestamp();

        // Killing the container closes the attached stream, which ends the pump whether or not a pending read honours a token.
        await using var kill = stop.Token.Register(() => _ = Kill(id));
        using var alive = new CancellationTokenSource();
        var heartbeat = Heartbeat(output, alive.Token);
        Pumped pumped;
        try
        {
            pumped = await Pump(stream, output, stop.Token);
        }
        finally
        {
            await alive.CancelAsync();
            await heartbeat;
        }

        using var waitLimit = new CancellationTokenSource(CleanupLimit);
        var exit = await _client.Containers.WaitContainerAsync(id, waitLimit.Token);
        var duration = _clock.GetElapsedTime(started);
        cancellationToken.ThrowIfCancellationRequested();
        if (timeout.IsCancellationRequested)
            throw new ModuleException(ModuleErrorKind.Timeout,
                $"'{image}' did not finish within {spec.Timeout.TotalSeconds:0.###} s and was stopped.",
                new { image, timeoutSeconds = spec.Timeout.TotalSeconds, stderrTail = pumped.StderrTail });
        return new Execution((int)exit.StatusCode, duration, pumped.StdoutLines, pumped.StderrLines, pumped.StderrTail);
    }

    private async Task<Pumped> Pump(MultiplexedStream stream, IContainerOutput output, CancellationToken stop)
    {
        var stdout = new OutputLineSplitter(ContainerStream.Stdout, _options.MaxLineBytes);
        var stderr = new OutputLineSplitter(ContainerStream.Stderr, _options.MaxLineBytes);
        var tail = new Queue<string>(_options.StderrTailLines);
        var buffer = new byte[ReadBufferBytes];
        var lines = new List<ContainerLine>();
        long stdoutLines = 0, stderrLines = 0;
        try
        {
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, stop);
                if (read.EOF) break;
                var splitter = read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout;
                splitter.Push(buffer.AsSpan(0, read.Count), lines);
                await Deliver();
            }
        }
        catch (Exception exception) when (stop.IsCancellationRequested && exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopped by timeout or cancel: the caller reports which; the lines read so far have been delivered.
            lines.Clear();
            return new Pumped(stdoutLines, stderrLines, [.. tail]);
        }
        stdout.Flush(lines);
        stderr.Flush(lines);
        await Deliver();
        return new Pumped(stdoutLines, stderrLines, [.. tail]);

        async Task Deliver()
        {
            foreach (var line in lines)
            {
                if (line.Stream == ContainerStream.Stderr)
                {
                    stderrLines++;
                    if (tail.Count == _options.StderrTailLines) tail.Dequeue();
                    if (_options.StderrTailLines > 0) tail.Enqueue(line.Text);
                }
                else
                {
                    stdoutLines++;
                }
                await output.OnLineAsync(line, stop);
            }
            lines.Clear();
        }
    }

    private async Task Heartbeat(IContainerOutput output, CancellationToken alive)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.HeartbeatIntervalSeconds), _clock);
        try
        {
            do
            {
                try
                {
                    output.OnHeartbeat();
                }
                catch (Exception exception)
                {
                    Log.HeartbeatFailed(_logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(alive));
        }
        catch (OperationCanceledException)
        {
            // The container is gone; heartbeats stop with it.
        }
    }

    private async Task<Exception> ExitFailure(string id, string image, ContainerSpec spec, Execution execution)
    {
        var oomKilled = await WasOutOfMemory(id);
        // The daemon records an out-of-memory kill from an event that can arrive just after the exit: look once more for a SIGKILL exit.
        if (!oomKilled && execution.ExitCode == 137)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), _clock);
            oomKilled = await WasOutOfMemory(id);
        }
        var reason = oomKilled
            ? $"ran out of memory (limit {spec.Limits.MemoryBytes / (1024 * 1024)} MiB)"
            : execution.StderrTail.LastOrDefault(line => !string.IsNullOrWhiteSpace(line))?.Trim() ?? "no error output";
        return new ModuleException(ModuleErrorKind.Container,
            $"'{image}' exited with code {execution.ExitCode}: {reason}",
            new { exitCode = execution.ExitCode, image, oomKilled, stderrTail = string.Join('\n', execution.StderrTail) });
    }

    private async Task<bool> WasOutOfMemory(string id)
    {
        try
        {
            return (await _client.Containers.InspectContainerAsync(id)).State?.OOMKilled ?? false;
        }
        catch (DockerApiException)
        {
            // The exit code alone still describes the failure.
            return false;
        }
    }

    private async Task<List<ContainerOutputFile>> CollectOutputs(string id, ContainerSpec spec, string localDirectory, CancellationToken cancellationToken)
    {
        GetArchiveFromContainerResponse archive;
        try
        {
            archive = await _client.Containers.GetArchiveFromContainerAsync(id,
                new GetArchiveFromContainerParameters { Path = ContainerPaths.OutputDirectory }, statOnly: false, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return [];
        }
        // Spooled to a file first: Docker.DotNet's chunked response stream fails on the zero-length reads TarReader makes, and the
        // spool is bounded like the outputs themselves.
        var spool = localDirectory + ".tar";
        try
        {
            await using (var response = archive.Stream)
            await using (var file = File.Create(spool))
                await WorkArchive.CopyBounded(response, file, spec.MaxOutputBytes + WorkArchive.ArchiveOverheadBytes, spec.MaxOutputBytes, cancellationToken);
            await using var tar = File.OpenRead(spool);
            return await WorkArchive.ExtractOutputs(tar, localDirectory, spec.MaxOutputBytes, cancellationToken);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private async Task Kill(string id)
    {
        try
        {
            await _client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "KILL" }, CancellationToken.None);
        }
        catch (Exception exception) when (exception is DockerApiException or HttpRequestException or IOException)
        {
            // Already exited, or the daemon is unreachable: the removal that always follows reports what matters.
        }
    }

    private async Task Remove(string id)
    {
        using var limit = new CancellationTokenSource(CleanupLimit);
        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, limit.Token);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone.
        }
        catch (Exception exception) when (exception is DockerApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            Log.CleanupFailed(_logger, id, exception);
        }
    }

    private async Task<IList<ContainerListResponse>> ListManaged(CancellationToken cancellationToken, params string[] labels) =>
        await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = ManagedFilter(labels) }, cancellationToken);

    private static Dictionary<string, IDictionary<string, bool>> ManagedFilter(params string[] labels) => new()
    {
        ["label"] = new[] { $"{ContainerLabels.Managed}=true" }.Concat(labels).ToDictionary(label => label, _ => true),
    };

    private Exception Translate(Exception exception, string image, CancellationToken cancellationToken) => exception switch
    {
        ModuleException or OperationCanceledException => exception,
        _ when cancellationToken.IsCancellationRequested => new OperationCanceledException("The container run was cancelled.", exception, cancellationToken),
        DockerApiException { StatusCode: HttpStatusCode.NotFound } api when api.ResponseBody.Contains("network", StringComparison.OrdinalIgnoreCase) =>
            new ModuleException(ModuleErrorKind.Configuration,
                $"Docker network '{_options.Network}' does not exist: create it or change ShipSec__Docker__Network.", new { network = _options.Network }, inner: api),
        DockerApiException api => new ModuleException(ModuleErrorKind.Container,
            $"Docker refused to run '{image}': {api.ResponseBody.Trim()}", new { image, status = (int)api.StatusCode }, inner: api),
        HttpRequestException or SocketException or IOException or TimeoutException => new ModuleException(ModuleErrorKind.ResourceUnavailable,
            $"The Docker daemon at {_options.Endpoint} is not reachable ({exception.Message}); start it or fix ShipSec__Docker__Endpoint.",
            new { endpoint = _options.Endpoint }, inner: exception),
        _ => exception,
    };

    private sealed record Execution(int ExitCode, TimeSpan Duration, long StdoutLines, long StderrLines, IReadOnlyList<string> StderrTail);

    private sealed record Pumped(long StdoutLines, long StderrLines, IReadOnlyList<string> StderrTail);

    /// <summary>Keeps the last error a pull reported; it reports synchronously so the error is known when the pull returns.</summary>
    private sealed class PullProgress : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            var error = value.ErrorMessage ?? value.Error?.Message;
            if (!string.IsNullOrWhiteSpace(error)) Error = error;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Debug, "Created container {ContainerId} from {Image} for run {RunId} node {NodeId}")]
        public static partial void Created(ILogger logger, string containerId, string image, string? runId, string? nodeId);

        [LoggerMessage(LogLevel.Warning, "Removing orphaned container {ContainerId} of run {RunId} node {NodeId}")]
        public static partial void RemovingOrphan(ILogger logger, string containerId, string? runId, string? nodeId);

        [LoggerMessage(LogLevel.Warning, "Could not remove {Resource}; the orphan sweep will retry")]
        public static partial void CleanupFailed(ILogger logger, string resource, Exception exception);

        [LoggerMessage(LogLevel.Warning, "A container heartbeat failed")]
        public static partial void HeartbeatFailed(ILogger logger, Exception exception);
    }
}
