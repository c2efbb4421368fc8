namespace ShipSec.Runtime.Tracing;

/// <summary>
/// A fixed one-second window that lets at most <c>limit</c> items through: it opens on the first item and again on the first
/// item a second or more after it opened. The per-node log rate limit and progress coalescing both count in it. Not thread-safe.
/// </summary>
public sealed class RateWindow(int limit, TimeProvider clock)
{
    /// <summary>How long one window lasts.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(1);

    private bool _open;
    private long _start;
    private int _taken;

    /// <summary>Counts one item at <paramref name="now"/> (a <see cref="TimeProvider.GetTimestamp"/> value) if the window has room.</summary>
    public bool TryTake(long now)
    {
        if (!_open || clock.GetElapsedTime(_start, now) >= Length)
        {
            _open = true;
            _start = now;
            _taken = 0;
        }
        if (_taken >= limit) return false;
        _taken++;
        return true;
    }

    /// <summary>How long until the current window ends, seen at <paramref name="now"/>.</summary>
    public TimeSpan Remaining(long now) => _open ? Length - clock.GetElapsedTime(_start, now) : TimeSpan.Zero;
}
