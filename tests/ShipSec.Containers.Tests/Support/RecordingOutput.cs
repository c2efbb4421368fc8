using System.Collections.Concurrent;
using ShipSec.Modules.Containers;

namespace ShipSec.Containers.Tests.Support;

/// <summary>An <see cref="IContainerOutput"/> that records lines and heartbeats, and lets a test act when a line arrives.</summary>
public sealed class RecordingOutput(Func<ContainerLine, Task>? onLine = null) : IContainerOutput
{
    private readonly ConcurrentQueue<ContainerLine> _lines = new();
    private int _heartbeats;

    public IReadOnlyList<ContainerLine> Lines => [.. _lines];

    public IEnumerable<string> Stdout => Lines.Where(l => l.Stream == ContainerStream.Stdout).Select(l => l.Text);

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    public async ValueTask OnLineAsync(ContainerLine line, CancellationToken cancellationToken)
    {
        _lines.Enqueue(line);
        if (onLine is not null) await onLine(line);
    }

    public void OnHeartbeat() => Interlocked.Increment(ref _heartbeats);
}
