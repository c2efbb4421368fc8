namespace ShipSec.Runtime.Messages;

/// <summary>Asks the orchestrator to start a QUEUED run.</summary>
public sealed record StartRun(string RunId);
