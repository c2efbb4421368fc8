namespace ShipSec.Runtime.Messages;

/// <summary>Asks the orchestrator to cancel a run (user request).</summary>
public sealed record CancelRun(string RunId, string Reason);
