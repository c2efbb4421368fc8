namespace ShipSec.Benchmarks.Hosts;

/// <summary>What one benchmark run did: nodes in the run, engine calls made, trace events collected.</summary>
public sealed record RunSummary(int Nodes, int Transitions, int TraceEvents);
