using System.Diagnostics;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Testing;

/// <summary><c>test.logs</c>: emits <c>lines</c> numbered stdout lines as fast as it can (or at <c>linesPerSecond</c>), so tests and benchmarks can load the trace path.</summary>
public sealed class LogsModule : IModule
{
    private static readonly TimeSpan PaceTick = TimeSpan.FromMilliseconds(10);

    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("test.logs", "Logs")
        .Category("test")
        .Description(
            "Writes `lines` stdout lines, each `lineLength` characters long and starting with its 1-based number (`line 0000042 …`), " +
            "as fast as it can, or at `linesPerSecond` when that is set; then outputs lines.")
        .NumberParameter("lines", "Lines", 1000, "Number of log lines.", min: 0)
        .NumberParameter("lineLength", "Line length", 80, "Characters per line (at least the numbered prefix).", min: 1)
        .NumberParameter("linesPerSecond", "Lines per second", 0, "Pace of the lines; 0 writes them as fast as possible.", min: 0)
        .Output("lines", "Lines", ConnectionType.Number)
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var lines = context.Param<long>("lines");
        var lineLength = context.Param<int>("lineLength");
        var linesPerSecond = context.Param<double>("linesPerSecond");
        if (lines < 0) throw new ModuleException(ModuleErrorKind.Validation, $"'lines' must be 0 or more, got {lines}.");
        if (lineLength < 1) throw new ModuleException(ModuleErrorKind.Validation, $"'lineLength' must be 1 or more, got {lineLength}.");
        if (linesPerSecond < 0) throw new ModuleException(ModuleErrorKind.Validation, $"'linesPerSecond' must be 0 or more, got {linesPerSecond}.");

        var clock = Stopwatch.StartNew();
        for (long n = 1; n <= lines; n++)
        {
            if (linesPerSecond > 0)
            {
                // Sleep until line n is due, in ticks coarse enough for timers to keep up.
                var due = TimeSpan.FromSeconds((n - 1) / linesPerSecond);
                if (due - clock.Elapsed >= PaceTick) await Task.Delay(due - clock.Elapsed, context.CancellationToken);
            }
            else if (n % 1000 == 0)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
            }
            context.Log(Line(n, lineLength), "stdout");
        }
        return ModuleResult.From(new Dictionary<string, object?> { ["lines"] = lines });
    }

    /// <summary>Line <paramref name="n"/> as the module writes it: its number, then filler up to <paramref name="length"/> characters.</summary>
    public static string Line(long n, int length)
    {
        var prefix = $"line {n:D7}";
        return prefix.Length >= length ? prefix : prefix + " " + new string('x', length - prefix.Length - 1);
    }
}
