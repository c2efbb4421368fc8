namespace ShipSec.Flowchart.Pipeline;

/// <summary>One step of node execution: a middleware's continuation, or the terminal that runs the module.</summary>
public delegate Task NodeExecutionDelegate(NodeExecutionContext context);
