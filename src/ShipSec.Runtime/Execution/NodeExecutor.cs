using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
/// Runs one node attempt on this worker: the module goes through the node-execution pipeline (NODE_STARTED /
/// COMPLETED / FAILED, error mapping, node timeout), its events are flushed, then the result is published.
/// Secret references are resolved to values here, just before the module runs; the values are masked in the
/// attempt's events and in the outputs and error it publishes, so they never reach the bus, the state or the trace.
/// </summary>
public sealed partial class NodeExecutor
{
    private readonly IContainerRunner? _containers;
    private static readonly string WorkerName = $"{Environment.MachineName}/{Environment.ProcessId}";
    private const string SecretsItem = "shipsec.secrets";

    private readonly ModuleCatalog _modules;
    private readonly TraceEmitter _trace;
    private readonly ArtifactRecorder _artifacts;
    private readonly FileLibrary _files;
    private readonly SecretResolver _secrets;
    private readonly RunningAttempts _running;
    private readonly IBus _bus;
    private readonly TimeProvider _clock;
    private readonly TraceOptions _traceOptions;
    private readonly TraceMetrics _traceMetrics;
    private readonly ILogger<NodeExecutor> _logger;
    private readonly NodeExecutionPipeline _pipeline;

    public NodeExecutor(ModuleCatalog modules, TraceEmitter trace, ArtifactRecorder artifacts, FileLibrary files, SecretResolver secrets,
        RunningAttempts running, IBus bus, TimeProvider clock, IOptions<TraceOptions> traceOptions, TraceMetrics traceMetrics,
        ILogger<NodeExecutor> logger, IContainerRunner? containers = null)
    {
        _containers = containers;
        _modules = modules;
        _trace = trace;
        _artifacts = artifacts;
        _files = files;
        _secrets = secrets;
        _running = running;
        _bus = bus;
        _clock = clock;
        _traceOptions = traceOptions.Value;
        _traceMetrics = traceMetrics;
        _logger = logger;
        _pipeline = NodeExecutionPipeline.CreateDefault(RunModuleAsync);
    }

    public async Task ExecuteAsync(ExecuteNode request, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!_running.TryAdd(request.RunId, request.NodeId, request.Attempt, cancellation))
        {
            LogDuplicate(request.RunId, request.NodeId, request.Attempt);
            return;
        }
        try
        {
            var startedAt = _clock.GetUtcNow();
            var module = _modules.Find(request.ComponentId);
            var secrets = module is null
                ? new ResolvedSecrets(request.Params, request.Inputs, [], null)
                : await _secrets.ResolveAsync(module, request.Params, request.Inputs, cancellation.Token);
            var mask = new SecretMask(module is null
                ? request.SecretValues
                : [.. request.SecretValues, .. ModuleSecrets.Of(module, request.Params, request.Inputs), .. secrets.Values]);
            // Outputs keep references (run inputs, secret ids) so later nodes can resolve them; only revealed values go.
            var revealed = new SecretMask(secrets.Values);
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
                Log = new SecretMaskingLog(_trace, mask),
                Clock = _clock,
                CancellationToken = cancellation.Token,
            };
            node.Items[SecretsItem] = secrets;
            var outcome = await _pipeline.ExecuteAsync(node);
            var completedAt = _clock.GetUtcNow();

            // The attempt's events must be stored before the result can finish the run.
            await _trace.FlushAsync(cancellationToken);
            switch (outcome)
            {
                case NodeOutcome.Succeeded s:
                    await _bus.Publish(new NodeSucceeded
                    {
                        RunId = request.RunId,
                        NodeId = request.NodeId,
                        Attempt = request.Attempt,
                        Outputs = s.Outputs.ToDictionary(kv => kv.Key, kv => revealed.Json(kv.Value), StringComparer.Ordinal),
                        ActivatedPorts = s.ActivatedPorts?.ToList(),
                        StartedAt = startedAt,
                        CompletedAt = completedAt,
                        Worker = WorkerName,
                    }, cancellationToken);
                    break;
                case NodeOutcome.Failed f:
                    await _bus.Publish(new NodeFailed
                    {
                        RunId = request.RunId,
                        NodeId = request.NodeId,
                        Attempt = request.Attempt,
                        Error = Masked(f.Error, mask),
                        WillRetry = f.WillRetry,
                        StartedAt = startedAt,
                        CompletedAt = completedAt,
                        Worker = WorkerName,
                    }, cancellationToken);
                    break;
            }
        }
        finally
        {
            _running.Remove(request.RunId, request.NodeId, request.Attempt);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {Attempt} of node {NodeId} in run {RunId} is already running here; duplicate delivery ignored")]
    private partial void LogDuplicate(string runId, string nodeId, int attempt);
}
