namespace ShipSec.Flowchart.Pipeline;

/// <summary>Composes middlewares, outermost first, around a terminal delegate supplied by the host.</summary>
public sealed class NodeExecutionPipelineBuilder
{
    private readonly List<Func<NodeExecutionDelegate, NodeExecutionDelegate>> _middlewares = [];

    /// <summary>Adds a middleware inside the ones added before it.</summary>
    public NodeExecutionPipelineBuilder Use(INodeExecutionMiddleware middleware)
    {
        _middlewares.Add(next => context => middleware.InvokeAsync(context, next));
        return this;
    }

    /// <summary>Adds an inline middleware inside the ones added before it.</summary>
    public NodeExecutionPipelineBuilder Use(Func<NodeExecutionContext, NodeExecutionDelegate, Task> middleware)
    {
        _middlewares.Add(next => context => middleware(context, next));
        return this;
    }

    /// <summary>Adds the standard chain: execution log, then exception handling, then the node timeout.</summary>
    public NodeExecutionPipelineBuilder UseDefaults() =>
        Use(new ExecutionLogMiddleware()).Use(new ExceptionHandlingMiddleware()).Use(new TimeoutMiddleware());

    /// <summary>Builds the pipeline ending in <paramref name="terminal"/> (the host's call into the module).</summary>
    public NodeExecutionPipeline Build(NodeExecutionDelegate terminal)
    {
        var entry = terminal;
        for (var i = _middlewares.Count - 1; i >= 0; i--)
            entry = _middlewares[i](entry);
        return new NodeExecutionPipeline(entry);
    }
}
