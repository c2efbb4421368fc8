using MassTransit;

namespace ShipSec.Runtime.Bus;

/// <summary>
/// In-process retry of a message whose consumer threw (database unreachable, serialisation failure, lock timeout).
/// Once the retries are used up MassTransit moves the message to the queue's <c>_error</c> queue (the dead letters,
/// see docs/operations.md). Results and commands are idempotent, so a retry never applies anything twice.
/// </summary>
public static class BusRetry
{
    /// <summary>Run commands and node results: about a minute and a half of retries.</summary>
    public static void Orchestration(IRetryConfigurator retry) =>
        retry.Exponential(12, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100));

    /// <summary>Node dispatches: the claim is the only step that can throw before the module runs.</summary>
    public static void Dispatch(IRetryConfigurator retry) =>
        retry.Exponential(12, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(200));

    /// <summary>Trace batches: longer, because a dead-lettered batch is a hole in a trace until an operator moves it back.</summary>
    public static void Trace(IRetryConfigurator retry) =>
        retry.Exponential(20, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
}
