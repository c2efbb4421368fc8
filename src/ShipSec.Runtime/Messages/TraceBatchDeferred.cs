namespace ShipSec.Runtime.Messages;

/// <summary>
/// The collector's answer to a <see cref="TraceEventBatch"/> that arrived before the batch it must follow was stored
/// (<see cref="TraceEventBatch.After"/> not found): nothing was written, and the emitter sends the batch again once every earlier
/// one is acknowledged.
/// </summary>
public sealed record TraceBatchDeferred(string After);
