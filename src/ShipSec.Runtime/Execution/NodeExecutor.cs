using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Configuration;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Pipeline;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Artifacts;
using ShipSec.Runtime.Files;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Secrets;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Runtime.Execution;

/// <summary>
/// Runs node attempts on this worker. <see cref="AcceptAsync"/> waits for a free slot and claims the attempt (a
/// redelivered or duplicated dispatch is skipped); the attempt then runs in the background, so the dispatch message is
/// settled at once and no broker channel is held while a module works: from here on the claim and its lease, not the
/// message, stand for the attempt. The module goes through the node-execution pipeline (NODE_STARTED / COMPLETED /
/// FAILED, error mapping, node timeout), its events are flushed, then the result and its closing events are recorded
/// in one transaction whose outbox publishes them. Secret references are resolved to values here, just before the
/// module runs; the values are masked in the attempt's events and in the outputs and error it records, so they never
/// reach the bus, the state or the trace.
/// </summary>
public sealed partial class NodeExecutor : IHostedService
{
    /// <summary>This worker's name in claims, trace data and results: host and process id.</summary>
    public static readonly string WorkerName = $"{Environment.MachineName}/{Environment.ProcessId}";

    private static readonly TimeSpan FlushRetryInterval = TimeSpan.FromSeconds(1);
    private const string SecretsItem = "shipsec.secrets";

    private readonly IContainerRunner? _containers;
    private readonly ModuleCatalog _modules;
    private readonly TraceEmitter _trace;
    private readonly ArtifactRecorder _artifacts;
    private readonly FileLibrary _files;
    private readonly SecretResolver _secrets;
    private readonly RunningAttempts _running;
    private readonly NodeExecutions _executions;
    private readonly TimeProvider _clock;
    private readonly TraceOptions _traceOptions;
    private readonly TraceMetrics _traceMetrics;
    private readonly ILogger<NodeExecutor> _logger;
    private readonly NodeExecutionPipeline _pipeline;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationToken _stopping;
    private readonly ConcurrentDictionary<AttemptKey, Task> _attempts = new();

    public NodeExecutor(ModuleCatalog modules, TraceEmitter trace, ArtifactRecorder artifacts, FileLibrary files, SecretResolver secrets,
        RunningAttempts running, NodeExecutions executions, IOptions<ShipSecOptions> options, IHostApplicationLifetime lifetime,
        TimeProvider clock, IOptions<TraceOptions> traceOptions, TraceMetrics traceMetrics, ILogger<NodeExecutor> logger,
        IContainerRunner? containers = null)
    {
        _containers = containers;
        _files = files;
        _secrets = secrets;
        _slots = new SemaphoreSlim(Math.Max(1, options.Value.Worker.Concurrency));
        _stopping = lifetime.ApplicationStopping;
        _modules = modules;
        _trace = trace;
        _artifacts = artifacts;
        _running = running;
        _executions = executions;
        _clock = clock;
        _traceOptions = traceOptions.Value;
        _traceMetrics = traceMetrics;
        _logger = logger;
        _pipeline = NodeExecutionPipeline.CreateDefault(RunModuleAsync);
    }

    /// <summary>
    /// Takes one dispatch: waits for a free slot (<paramref name="cancellationToken"/> is the delivery's), claims the
    /// attempt and starts it in the background. Returns once the attempt is running here or was skipped as a duplicate.
    /// </summary>
    public async Task AcceptAsync(ExecuteNode request, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        var key = new AttemptKey(request.RunId, request.NodeId, request.Attempt);
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        bool added = false, started = false;
        try
        {
            added = _running.TryAdd(request.RunId, request.NodeId, request.Attempt, cancellation);
            if (!added || !await _executions.TryClaimAsync(request, WorkerName, _stopping))
            {
                LogDuplicate(request.RunId, request.NodeId, request.Attempt);
                return;
            }
            // Registered before it starts, so the attempt's own clean-up always finds its entry.
            var attempt = new Task<Task>(() => RunAsync(request, cancellation));
            _attempts[key] = attempt.Unwrap();
            attempt.Start(TaskScheduler.Default);
            started = true;
        }
        finally
        {
            if (!started)
            {
                // Also when the claim threw: the delivery is retried, and must not find this attempt registered.
                if (added) _running.Remove(request.RunId, request.NodeId, request.Attempt);
                cancellation.Dispose();
                _slots.Release();
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for the attempts still running: shutdown cancelled them, and each hands its claim back.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(_attempts.Values).WaitAsync(cancellationToken);

    private async Task RunAsync(ExecuteNode request, CancellationTokenSource cancellation)
    {
        try
        {
            await ExecuteClaimedAsync(request, cancellation.Token, _stopping);
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested)
        {
            // The lease is no longer renewed, so the orchestrator runs the node again once it expires.
            LogAttemptCrashed(e, request.RunId, request.NodeId, request.Attempt);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _running.Remove(request.RunId, request.NodeId, request.Attempt);
            _attempts.TryRemove(new AttemptKey(request.RunId, request.NodeId, request.Attempt), out _);
            cancellation.Dispose();
            _slots.Release();
        }
    }

    /// <summary>Runs a claimed attempt; <paramref name="attemptToken"/> stops the module (cancel, shutdown), <paramref name="cancellationToken"/> only shutdown.</summary>
    private async Task ExecuteClaimedAsync(ExecuteNode request, CancellationToken attemptToken, CancellationToken cancellationToken)
    {
        var startedAt = _clock.GetUtcNow();
        var module = _modules.Find(request.ComponentId);
        var secrets = module is null
            ? new ResolvedSecrets(request.Params, request.Inputs, [], null)
            : await _secrets.ResolveAsync(module, request.Params, request.Inputs, attemptToken);
        var mask = new SecretMask(module is null
            ? request.SecretValues
            : [.. request.SecretValues, .. ModuleSecrets.Of(module, request.Params, request.Inputs), .. secrets.Values]);
        // Outputs keep references (run inputs, secret ids) so later nodes can resolve them; only revealed values go.
        var revealed = new SecretMask(secrets.Values);
        var log = new AttemptLog(_trace, WorkerName);
        var node = new NodeExecutionContext
        {
            RunId = request.RunId,
            WorkflowId = request.WorkflowId,
            NodeId = request.NodeId,
            ComponentId = request.ComponentId,
            Attempt = request.Attempt,
            Inputs = request.Inputs,
            Params = request.Params,
            RetryPolicy = request.RetryPolicy,
            TimeoutSeconds = request.TimeoutSeconds,
            Log = new SecretMaskingLog(log, mask),
            Clock = _clock,
            CancellationToken = attemptToken,
        };
        node.Items[SecretsItem] = secrets;
        var outcome = await _pipeline.ExecuteAsync(node);
        var completedAt = _clock.GetUtcNow();
        if (cancellationToken.IsCancellationRequested)
        {
            // The worker is shutting down, not the node failing: hand the attempt back so another worker runs it.
            await _executions.ReleaseAsync(new(request.RunId, request.NodeId, request.Attempt), CancellationToken.None);
            return;
        }

        // The attempt's events must be on their way before its result can finish the run.
        await FlushAsync(cancellationToken);
        object? result = outcome switch
        {
            NodeOutcome.Succeeded s => new NodeSucceeded
            {
                RunId = request.RunId,
                NodeId = request.NodeId,
                Attempt = request.Attempt,
                Outputs = s.Outputs.ToDictionary(kv => kv.Key, kv => revealed.Json(kv.Value), StringComparer.Ordinal),
                ActivatedPorts = s.ActivatedPorts?.ToList(),
                StartedAt = startedAt,
                CompletedAt = completedAt,
                Worker = WorkerName,
            },
            NodeOutcome.Failed f => new NodeFailed
            {
                RunId = request.RunId,
                NodeId = request.NodeId,
                Attempt = request.Attempt,
                Error = Masked(f.Error, mask),
                WillRetry = f.WillRetry,
                StartedAt = startedAt,
                CompletedAt = completedAt,
                Worker = WorkerName,
            },
            _ => null,
        };
        if (result is null) return;

        List<object> messages = log.Closing.Count > 0 ? [new TraceEventBatch([.. log.Closing]), result] : [result];
        if (!await _executions.FinishAsync(new(request.RunId, request.NodeId, request.Attempt), result, messages, cancellationToken))
            LogLateResult(request.RunId, request.NodeId, request.Attempt);
    }

    /// <summary>Flushes the trace emitter, waiting out a broker outage; gives up only when the worker stops.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await _trace.FlushAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFlushRetry(e);
                await Task.Delay(FlushRetryInterval, _clock, cancellationToken);
            }
        }
    }

    /// <summary>The pipeline's terminal: finds the module and runs it; a <see cref="ModuleException"/> becomes the attempt's typed error.</summary>
    private async Task RunModuleAsync(NodeExecutionContext node)
    {
        var module = _modules.Find(node.ComponentId) ?? throw new NodeFailureException(new NodeError
        {
            Type = NodeErrorTypes.Configuration,
            Message = $"No module is installed for component '{node.ComponentId}' on worker {WorkerName}.",
            Retryable = false,
        });

        var secrets = (ResolvedSecrets)node.Items[SecretsItem]!;
        if (secrets.Error is { } unresolved) throw new NodeFailureException(unresolved);

        var context = new RuntimeModuleContext
        {
            RunId = node.RunId,
            WorkflowId = node.WorkflowId,
            NodeId = node.NodeId,
            ComponentId = node.ComponentId,
            Attempt = node.Attempt,
            Inputs = secrets.Inputs,
            Params = secrets.Params,
            CancellationToken = node.CancellationToken,
            Module = module,
            ExecutionLog = node.Log,
            Artifacts = _artifacts,
            Files = _files,
            SecretValues = secrets.Values,
            Clock = _clock,
            ContainerRunner = _containers,
            TimeoutSeconds = node.TimeoutSeconds,
            Trace = _traceOptions,
            Metrics = _traceMetrics,
            OutputMask = node.Log is SecretMaskingLog masking ? masking.Mask : new SecretMask([]),
            OnHeartbeat = () => _running.Heartbeat(node.RunId, node.NodeId, node.Attempt),
        };
        try
        {
            var result = await module.ExecuteAsync(context);
            node.Succeed(result.Outputs, result.ActivatedPorts);
        }
        catch (ModuleException e)
        {
            throw new NodeFailureException(e.ToNodeError());
        }
        finally
        {
            // Before the pipeline's NODE_COMPLETED / NODE_FAILED, so the dropped-lines count and the output artifact belong to the attempt.
            await context.CompleteOutputAsync();
        }
    }

    private static NodeError Masked(NodeError error, SecretMask mask) => mask.IsEmpty ? error : error with
    {
        Message = mask.Text(error.Message),
        Details = error.Details is { } details ? mask.Json(details) : null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {Attempt} of node {NodeId} in run {RunId} was already claimed; duplicate delivery ignored")]
    private partial void LogDuplicate(string runId, string nodeId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of node {NodeId} in run {RunId} finished after its lease ran out; its result is dropped (the node was dispatched again)")]
    private partial void LogLateResult(string runId, string nodeId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt {Attempt} of node {NodeId} in run {RunId} could not be carried out; it runs again once its lease expires")]
    private partial void LogAttemptCrashed(Exception exception, string runId, string nodeId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing trace events failed; retrying before the attempt's result is recorded")]
    private partial void LogFlushRetry(Exception exception);
}
