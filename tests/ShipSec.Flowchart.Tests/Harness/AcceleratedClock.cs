using System.Diagnostics;

namespace ShipSec.Flowchart.Tests.Harness;

/// <summary>A real clock running <c>speed</c> times faster, so second-granular timeouts take milliseconds in a test.</summary>
public sealed class AcceleratedClock(double speed) : TimeProvider
{
    private readonly DateTimeOffset _origin = DateTimeOffset.UtcNow;
    private readonly long _originTimestamp = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _origin + Stopwatch.GetElapsedTime(_originTimestamp) * speed;

    public override long GetTimestamp() => _originTimestamp + (long)((Stopwatch.GetTimestamp() - _originTimestamp) * speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / speed;

    private sealed class ScaledTimer(ITimer inner, AcceleratedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));
        public void Dispose() => inner.Dispose();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
