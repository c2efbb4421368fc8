using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Testing;

/// <summary>
/// <c>test.progress</c>: makes exactly <c>steps</c> progress reports and log lines, so tests can check trace capture end to end
/// (the runtime coalesces reports faster than its progress rate into fewer NODE_PROGRESS events).
/// </summary>
public sealed class ProgressModule : IModule
{
    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("test.progress", "Progress")
        .Category("test")
        .Description("Reports progress exactly `steps` times (i of steps) and writes `steps` log lines, waiting delayMs between steps, then outputs steps.")
        .NumberParameter("steps", "Steps", 10, "Number of progress reports and log lines.", min: 0)
        .NumberParameter("delayMs", "Delay between steps (ms)", 0, "Pause after each step.", min: 0)
        .Output("steps", "Steps", ConnectionType.Number)
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var steps = context.Param<int>("steps");
        var delayMs = context.Param<int>("delayMs");
        if (steps < 0) throw new ModuleException(ModuleErrorKind.Validation, $"'steps' must be 0 or more, got {steps}.");
        if (delayMs < 0) throw new ModuleException(ModuleErrorKind.Validation, $"'delayMs' must be 0 or more, got {delayMs}.");

        for (var i = 1; i <= steps; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.Log($"step {i} of {steps}");
            context.Progress(i, steps, $"step {i}/{steps}", "steps");
            context.Heartbeat();
            if (delayMs > 0) await Task.Delay(delayMs, context.CancellationToken);
        }
        return ModuleResult.From(new Dictionary<string, object?> { ["steps"] = steps });
    }
}
