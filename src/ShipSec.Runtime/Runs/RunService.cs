using MassTransit;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Compilation;
using ShipSec.Flowchart.Engine;
using ShipSec.Flowchart.Inputs;
using ShipSec.Flowchart.Model;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Orchestration;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Workflows;

namespace ShipSec.Runtime.Runs;

/// <summary>Starting and cancelling runs: the one place a run is created.</summary>
public sealed class RunService(
    WorkflowService workflows,
    IRunStore runs,
    IComponentCatalog catalog,
    FlowchartEngine engine,
    EngineCommandExecutor commands,
    IBus bus,
    TimeProvider clock)
{
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>
    /// Compiles the requested version, validates the inputs, creates the run (QUEUED) and asks the orchestrator to
    /// start it. With an <paramref name="idempotencyKey"/> a repeated request returns the run the first one created.
    /// </summary>
    public async Task<RunAccepted> StartAsync(string workflowId, StartRunRequest request, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var workflow = await workflows.FindAsync(workflowId, cancellationToken, tracked: false);
        var key = NormaliseKey(idempotencyKey);
        var runId = key is null ? RunIds.New() : RunIds.FromIdempotencyKey(key);
        if (key is not null && await runs.LoadAsync(runId, cancellationToken) is { } earlier)
            return Accepted(earlier, workflowId, key);

        if (request.Version is < 1)
            throw new InvalidRequestException("version", $"version must be 1 or more; workflow '{workflowId}' is at version {workflow.LatestVersion}.");
        var version = request.Version ?? workflow.LatestVersion;
        var definition = WorkflowCompiler.Compile(await workflows.GraphAsync(workflowId, version, cancellationToken), version, catalog);
        var inputs = RunInputValidator.Validate(RuntimeInputs.Read(definition), request.Inputs);

        var decision = engine.CreateRun(CompiledFlowchart.From(definition), runId, workflowId, inputs, clock.GetUtcNow());
        // The run, its first trace events and the request to start it commit together (outbox).
        var messages = commands.MessagesFor(decision.Commands, []).Append(new StartRun(runId)).ToList();
        if (!await runs.TryCreateAsync(new NewRun(runId, workflowId, version, definition, decision.State, key) { Messages = messages }, cancellationToken))
        {
            var existing = await runs.LoadAsync(runId, cancellationToken)
                ?? throw new InvalidOperationException($"Run '{runId}' was reported as existing but cannot be loaded.");
            return Accepted(existing, workflowId, key);
        }

        return new RunAccepted(runId, workflowId, version, decision.State.Status);
    }

    /// <summary>
    /// Asks the orchestrator to cancel an active run. Cancelling an already-cancelled run is answered as done
    /// (a retried request must not look like an error); a run that ended otherwise cannot be cancelled.
    /// </summary>
    public async Task<RunCancelAccepted> CancelAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await runs.LoadAsync(runId, cancellationToken) ?? throw new NotFoundException($"Run '{runId}' does not exist.");
        if (run.State.Status == RunStatus.Cancelled)
            return new RunCancelAccepted("cancelled", runId);
        if (run.State.Status.IsTerminal())
            throw new ConflictException($"Run '{runId}' already ended with status {run.State.Status.ToWire()}; there is nothing to cancel.");
        await bus.Publish(new CancelRun(runId, "Cancelled by user"), cancellationToken);
        return new RunCancelAccepted("cancelling", runId);
    }

    private static RunAccepted Accepted(StoredRun run, string workflowId, string? key)
    {
        if (run.WorkflowId != workflowId)
            throw new ConflictException($"Idempotency-Key '{key}' was already used for run '{run.RunId}' of workflow '{run.WorkflowId}'; use a new key.");
        return new RunAccepted(run.RunId, run.WorkflowId, run.WorkflowVersion, run.State.Status);
    }

    private static string? NormaliseKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        key = key.Trim();
        return key.Length <= MaxIdempotencyKeyLength
            ? key
            : throw new InvalidRequestException("Idempotency-Key", $"Idempotency-Key must be at most {MaxIdempotencyKeyLength} characters.");
    }
}
