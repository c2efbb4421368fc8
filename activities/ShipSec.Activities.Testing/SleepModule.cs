using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Testing;

/// <summary><c>test.sleep</c>: waits <c>durationMs</c>, heartbeating, so tests can exercise timeouts, cancellation and leases.</summary>
public sealed class SleepModule : IModule
{
    // Heartbeats at least this often so a lease-based runtime never mistakes a long sleep for a dead worker.
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("test.sleep", "Sleep")
        .Category("test")
        .Description("Waits for durationMs milliseconds, then outputs sleptMs. Stops at once when the run is cancelled or the node times out.")
        .NumberParameter("durationMs", "Duration (ms)", 1000, "How long to wait.", min: 0)
        .Output("sleptMs", "Slept (ms)", ConnectionType.Number)
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var durationMs = context.Param<long>("durationMs");
        if (durationMs < 0)
            throw new ModuleException(ModuleErrorKind.Validation, $"'durationMs' must be 0 or more, got {durationMs}.");

        var remaining = TimeSpan.FromMilliseconds(durationMs);
        while (remaining > TimeSpan.Zero)
        {
            var slice = remaining < HeartbeatInterval ? remaining : HeartbeatInterval;
            await Task.Delay(slice, context.CancellationToken);
            remaining -= slice;
            context.Heartbeat();
        }
        context.Log($"slept {durationMs} ms");
        return ModuleResult.From(new Dictionary<string, object?> { ["sleptMs"] = durationMs });
    }
}
