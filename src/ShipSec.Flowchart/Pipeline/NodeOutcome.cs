using System.Text.Json;
using ShipSec.Contracts.Runs;

namespace ShipSec.Flowchart.Pipeline;

/// <summary>How one node attempt ended, as the pipeline reports it to the host (which feeds it to the engine).</summary>
public abstract record NodeOutcome
{
    private NodeOutcome()
    {
    }

    /// <summary>The attempt produced outputs; <see cref="ActivatedPorts"/> gates branch ports (null: all followed).</summary>
    public sealed record Succeeded(IReadOnlyDictionary<string, JsonElement> Outputs, IReadOnlyList<string>? ActivatedPorts = null) : NodeOutcome;

    /// <summary>The attempt failed; <see cref="WillRetry"/> is what the node's retry policy says, as the engine will decide it.</summary>
    public sealed record Failed(NodeError Error, bool WillRetry) : NodeOutcome;
}
