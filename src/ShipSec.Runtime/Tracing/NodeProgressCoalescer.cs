namespace ShipSec.Runtime.Tracing;

/// <summary>
/// Decides when the progress reports of one node attempt become NODE_PROGRESS events: at most <c>maxPerSecond</c> in each
/// one-second window (0: every report). Progress is state, not a log, so reports that arrive faster are coalesced, latest wins:
/// the newest pending report is emitted when the window ends (a timer on <c>clock</c>) and, at the latest, by <see cref="Complete"/>,
/// after which nothing is emitted. Thread-safe; <c>emit</c> runs under the coalescer's lock, so emissions keep the reports' order.
/// </summary>
public sealed class NodeProgressCoalescer(int maxPerSecond, TimeProvider clock, Action<ProgressReport> emit)
{
    private readonly Lock _gate = new();
    private readonly RateWindow _window = new(maxPerSecond, clock);
    private ITimer? _timer;
    private bool _timerArmed;
    private ProgressReport? _pending;
    private bool _completed;

    /// <summary>Emits <paramref name="report"/> now if the window allows, else holds it (replacing any held report) until it does.</summary>
    public void Report(ProgressReport report)
    {
        lock (_gate)
        {
            if (_completed) return;
            if (maxPerSecond == 0)
            {
                emit(report);
                return;
            }

            var now = clock.GetTimestamp();
            if (_window.TryTake(now))
            {
                // A report still held from the previous window is older than this one: this one replaces it.
                _pending = null;
                emit(report);
                return;
            }
            _pending = report;
            if (!_timerArmed) Arm(_window.Remaining(now));
        }
    }

    /// <summary>Ends the attempt's progress: the held report, if any, is emitted now; later reports and timers emit nothing.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed) return;
            _completed = true;
            if (_pending is { } last)
            {
                _pending = null;
                emit(last);
            }
            _timer?.Dispose();
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            _timerArmed = false;
            if (_completed || _pending is not { } held) return;
            var now = clock.GetTimestamp();
            if (!_window.TryTake(now))
            {
                // A newer report opened the window this timer was not armed for, and filled it; wait for that one's end.
                Arm(_window.Remaining(now));
                return;
            }
            _pending = null;
            emit(held);
        }
    }

    private void Arm(TimeSpan due)
    {
        _timer ??= clock.CreateTimer(_ => Release(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
        _timerArmed = true;
    }
}

/// <summary>One progress report of a module, as <see cref="ShipSec.Modules.ModuleContext.Progress"/> received it.</summary>
public sealed record ProgressReport(long? Current, long? Total, string Message, string? Unit);
