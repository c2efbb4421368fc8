namespace ShipSec.Flowchart.Pipeline;

/// <summary>Runs one node attempt through the middleware chain; the one place NODE_STARTED / NODE_COMPLETED / NODE_FAILED come from.</summary>
public sealed class NodeExecutionPipeline
{
    private readonly NodeExecutionDelegate _entry;

    internal NodeExecutionPipeline(NodeExecutionDelegate entry) => _entry = entry;

    /// <summary>The standard pipeline: <see cref="ExecutionLogMiddleware"/> → <see cref="ExceptionHandlingMiddleware"/> → <see cref="TimeoutMiddleware"/> → <paramref name="terminal"/>.</summary>
    public static NodeExecutionPipeline CreateDefault(NodeExecutionDelegate terminal) =>
        new NodeExecutionPipelineBuilder().UseDefaults().Build(terminal);

    /// <summary>Executes the attempt and returns how it ended.</summary>
    public async Task<NodeOutcome> ExecuteAsync(NodeExecutionContext context)
    {
        await _entry(context);
        return context.Outcome ?? throw new InvalidOperationException(
            $"Node '{context.NodeId}' finished without an outcome; the pipeline needs an {nameof(ExceptionHandlingMiddleware)}.");
    }
}
