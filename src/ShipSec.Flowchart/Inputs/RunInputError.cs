namespace ShipSec.Flowchart.Inputs;

/// <summary>
/// One problem with the inputs a run was started with: the input id, a stable code
/// (<c>missing-required-input</c>, <c>wrong-type</c>, <c>unknown-input</c>, <c>invalid-default</c>) and a message.
/// </summary>
public sealed record RunInputError(string InputId, string Code, string Message);
