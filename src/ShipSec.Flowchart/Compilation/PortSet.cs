using ShipSec.Contracts.Components;

namespace ShipSec.Flowchart.Compilation;

/// <summary>The input and output ports of one node, resolved from its component and parameters.</summary>
public sealed record PortSet(IReadOnlyList<PortDescriptor> Inputs, IReadOnlyList<PortDescriptor> Outputs);
