namespace ShipSec.Flowchart.Pipeline;

/// <summary>Wraps node execution (Elsa's activity-execution middleware): work before and after <c>next</c>.</summary>
public interface INodeExecutionMiddleware
{
    /// <summary>Runs this middleware around the rest of the pipeline.</summary>
    Task InvokeAsync(NodeExecutionContext context, NodeExecutionDelegate next);
}
