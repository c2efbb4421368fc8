namespace ShipSec.Runtime.Messages;

/// <summary>The collector's answer to a <see cref="TraceEventBatch"/>, sent after the batch committed: how many events were new.</summary>
public sealed record TraceBatchStored(int Received, int Stored);
