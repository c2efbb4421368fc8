using System.Text.RegularExpressions;
using ShipSec.Contracts.Trace;

namespace ShipSec.Modules.Containers;

/// <summary>
/// Connects a container's output to a module attempt: terminal colour codes are stripped, each line becomes a NODE_LOG (stream
/// <c>stdout</c> / <c>stderr</c>) up to a cap, every line reaches the module's own parser, and the runner's heartbeats renew the
/// attempt's lease.
/// </summary>
/// <remarks>The cap keeps a tool that prints millions of lines from flooding the trace; the parser still sees every line.</remarks>
public sealed partial class ModuleContainerOutput(ModuleContext context, Action<ContainerLine>? onLine = null, int maxLoggedLines = ModuleContainerOutput.DefaultMaxLoggedLines)
    : IContainerOutput
{
    /// <summary>Lines logged per attempt before logging stops.</summary>
    public const int DefaultMaxLoggedLines = 5000;

    private long _lines;

    /// <summary>Lines received so far, logged or not.</summary>
    public long Lines => Interlocked.Read(ref _lines);

    public ValueTask OnLineAsync(ContainerLine line, CancellationToken cancellationToken)
    {
        if (line.Text.Contains('\u001b')) line = line with { Text = EscapeSequence().Replace(line.Text, "") };
        var count = Interlocked.Increment(ref _lines);
        if (count <= maxLoggedLines)
            context.Log(line.Truncated ? line.Text + " …[line truncated]" : line.Text, line.Stream == ContainerStream.Stdout ? "stdout" : "stderr");
        else if (count == maxLoggedLines + 1)
            context.Log($"The tool printed more than {maxLoggedLines} lines; further lines are not logged.", level: TraceLevel.Warn);
        onLine?.Invoke(line);
        return ValueTask.CompletedTask;
    }

    public void OnHeartbeat() => context.Heartbeat();

    /// <summary>Logs how many lines were left out, if any; call once the container has exited.</summary>
    public void Complete()
    {
        var skipped = Lines - maxLoggedLines;
        if (skipped > 0) context.Log($"{skipped} further output lines were not logged.", level: TraceLevel.Warn);
    }

    [GeneratedRegex(@"\u001b\[[0-?]*[ -/]*[@-~]")]
    private static partial Regex EscapeSequence();
}
