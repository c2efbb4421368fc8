namespace ShipSec.Flowchart.Compilation;

/// <summary>
/// One problem found in a workflow graph: a stable kebab-case <see cref="Code"/>, a message that names the culprit
/// and how to fix it, and where it is (<see cref="Field"/> is a path such as <c>nodes[2].data.config.params.ports</c>
/// or <c>edges[e3].targetHandle</c>).
/// </summary>
public sealed record GraphValidationError(string Code, string Message, string? NodeId = null, string? EdgeId = null, string? Field = null);
