using Microsoft.Extensions.Logging;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Pipeline;
using ShipSec.Modules;
using ShipSec.Runtime.Artifacts;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Secrets;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Runtime.Execution;

/// <summary>
/// Runs one node attempt on this worker: claims it (a redelivered or duplicated dispatch is skipped), runs the module
/// through the node-execution pipeline (NODE_STARTED / COMPLETED / FAILED, error mapping, node timeout) while the lease
/// renewer keeps the claim alive, flushes the attempt's events, then records the result and its closing events in one
/// transaction whose outbox publishes them.
/// </summary>
public sealed partial class NodeExecutor
{
    /// <summary>This worker's name in claims, trace data and results: host and process id.</summary>
    public static readonly string WorkerName = $"{Environment.MachineName}/{Environment.ProcessId}";

    private static readonly TimeSpan FlushRetryInterval = TimeSpan.FromSeconds(1);

    private readonly ModuleCatalog _modules;
    private readonly TraceEmitter _trace;
    private readonly ArtifactRecorder _artifacts;
    private readonly RunningAttempts _running;
    private readonly NodeExecutions _executions;
    private readonly TimeProvider _clock;
    private readonly ILogger<NodeExecutor> _logger;
    private readonly NodeExecutionPipeline _pipeline;

    public NodeExecutor(ModuleCatalog modules, TraceEmitter trace, ArtifactRecorder artifacts, RunningAttempts running,
        NodeExecutions executions, TimeProvider clock, ILogger<NodeExecutor> logger)
    {
        _modules = modules;
        _trace = trace;
        _artifacts = artifacts;
        _running = running;
        _executions = executions;
        _clock = clock;
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
            if (!await _executions.TryClaimAsync(request, WorkerName, cancellationToken))
            {
                LogDuplicate(request.RunId, request.NodeId, request.Attempt);
                return;
            }

            var startedAt = _clock.GetUtcNow();
            var module = _modules.Find(request.ComponentId);
            var mask = new SecretMask(module is null
                ? request.SecretValues
                : [.. request.SecretValues, .. ModuleSecrets.Of(module, request.Params, request.Inputs)]);
            var log = new AttemptLog(_trace, WorkerName);
            var outcome = await _pipeline.ExecuteAsync(new NodeExecutionContext
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
                CancellationToken = cancellation.Token,
            });
            var completedAt = _clock.GetUtcNow();

            // The attempt's events must be on their way before its result can finish the run.
            await FlushAsync(cancellationToken);
            object? result = outcome switch
            {
                NodeOutcome.Succeeded s => new NodeSucceeded
                {
                    RunId = request.RunId,
                    NodeId = request.NodeId,
                    Attempt = request.Attempt,
                    Outputs = new(s.Outputs),
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
                    Error = f.Error,
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
        finally
        {
            _running.Remove(request.RunId, request.NodeId, request.Attempt);
        }
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

        var context = new RuntimeModuleContext
        {
            RunId = node.RunId,
            WorkflowId = node.WorkflowId,
            NodeId = node.NodeId,
            ComponentId = node.ComponentId,
            Attempt = node.Attempt,
            Inputs = node.Inputs,
            Params = node.Params,
            CancellationToken = node.CancellationToken,
            Module = module,
            ExecutionLog = node.Log,
            Artifacts = _artifacts,
            Clock = _clock,
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
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {Attempt} of node {NodeId} in run {RunId} was already claimed; duplicate delivery ignored")]
    private partial void LogDuplicate(string runId, string nodeId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of node {NodeId} in run {RunId} finished after its lease ran out; its result is dropped (the node was dispatched again)")]
    private partial void LogLateResult(string runId, string nodeId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing trace events failed; retrying before the attempt's result is recorded")]
    private partial void LogFlushRetry(Exception exception);
}
