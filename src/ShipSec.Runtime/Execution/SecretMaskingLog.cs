using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Pipeline;
using ShipSec.Runtime.Secrets;

namespace ShipSec.Runtime.Execution;

/// <summary>
/// The execution log of one attempt: forwards events with every known secret value masked in the message and data
/// (input / output summaries, errors, log lines), so no secret reaches the trace.
/// </summary>
public sealed class SecretMaskingLog(IExecutionLog inner, SecretMask mask) : IExecutionLog
{
    /// <summary>The secrets this log masks, for output that leaves the attempt by another path (the output artifact).</summary>
    public SecretMask Mask => mask;

    public void Append(TraceEvent traceEvent) => inner.Append(mask.Event(traceEvent));
}
