namespace ShipSec.Benchmarks.Hosts;

/// <summary>What a <see cref="SerialEngineHost"/> does around each engine call, beyond the engine itself.</summary>
public sealed record HostLayers
{
    /// <summary>Run every dispatched attempt through the standard <c>NodeExecutionPipeline</c> with a no-op terminal, collecting its trace events.</summary>
    public bool ExecutionPipeline { get; init; }

    /// <summary>Serialise the run state to JSON after every transition and continue from the deserialised copy, as a durable host does.</summary>
    public bool StateJsonRoundTrip { get; init; }
}
