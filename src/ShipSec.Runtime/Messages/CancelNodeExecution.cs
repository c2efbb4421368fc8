namespace ShipSec.Runtime.Messages;

/// <summary>Published to every worker; the one running this attempt cancels it.</summary>
public sealed record CancelNodeExecution(string RunId, string NodeId, int Attempt, string Reason);
