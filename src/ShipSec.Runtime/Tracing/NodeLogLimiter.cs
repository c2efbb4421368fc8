namespace ShipSec.Runtime.Tracing;

/// <summary>
/// Decides which log lines of one node attempt go into the trace: at most <c>maxLines</c> in all and at most <c>maxPerSecond</c>
/// in any one-second window (0: no rate limit). It never drops silently: the first line dropped by the cap, and the first of each
/// run of lines dropped by the rate limit, come with a notice to put in the trace instead; when the rate falls (a second without
/// drops) the next kept line comes with the count of that run; <see cref="Summary"/> gives the final count. Not thread-safe.
/// </summary>
public sealed class NodeLogLimiter(int maxLines, int maxPerSecond, string artifactName, TimeProvider clock)
{
    private readonly RateWindow _window = new(maxPerSecond, clock);
    private long _lastRateDrop;
    private long _rateRun;
    private bool _capNoticeGiven;

    /// <summary>Lines offered so far.</summary>
    public long Seen { get; private set; }

    /// <summary>Lines kept out of the trace because the cap was reached.</summary>
    public long DroppedByCap { get; private set; }

    /// <summary>Lines kept out of the trace by the rate limit.</summary>
    public long DroppedByRate { get; private set; }

    public long Dropped => DroppedByCap + DroppedByRate;

    /// <summary>Decides the next line; the notice, when there is one, goes into the trace before the line (or instead of it).</summary>
    public LogLineDecision Admit()
    {
        Seen++;
        var kept = Seen - 1 - Dropped;
        if (kept >= maxLines)
        {
            DroppedByCap++;
            if (_capNoticeGiven) return LogLineDecision.DropLine;
            _capNoticeGiven = true;
            return new(false, new LogNotice(
                $"Log line cap of {maxLines} lines reached: further lines are kept out of the trace; the full output goes to artifact {artifactName}.",
                DroppedLines: null));
        }
        if (maxPerSecond == 0) return LogLineDecision.KeepLine;

        var now = clock.GetTimestamp();
        if (!_window.TryTake(now))
        {
            DroppedByRate++;
            _lastRateDrop = now;
            if (_rateRun++ > 0) return LogLineDecision.DropLine;
            return new(false, new LogNotice(
                $"More than {maxPerSecond} log lines per second: lines are kept out of the trace until the rate falls; the full output goes to artifact {artifactName}.",
                DroppedLines: null));
        }

        if (_rateRun == 0 || clock.GetElapsedTime(_lastRateDrop, now) < RateWindow.Length) return LogLineDecision.KeepLine;
        var run = _rateRun;
        _rateRun = 0;
        return new(true, new LogNotice($"{run} log lines were kept out of the trace by the rate limit of {maxPerSecond} lines per second.", run));
    }

    /// <summary>The closing notice once the attempt ends, or null when every line went into the trace.</summary>
    public LogNotice? Summary()
    {
        if (Dropped == 0) return null;
        var reasons = new List<string>();
        if (DroppedByCap > 0) reasons.Add($"{DroppedByCap} over the cap of {maxLines} lines");
        if (DroppedByRate > 0) reasons.Add($"{DroppedByRate} over the rate limit of {maxPerSecond} lines per second");
        return new LogNotice(
            $"{Dropped} of {Seen} log lines were kept out of the trace ({string.Join(", ", reasons)}); the full output is in artifact {artifactName}.",
            Dropped);
    }
}

/// <summary>Whether a log line goes into the trace, and what to say about the lines that do not.</summary>
public readonly record struct LogLineDecision(bool Keep, LogNotice? Notice)
{
    public static LogLineDecision KeepLine { get; } = new(true, null);
    public static LogLineDecision DropLine { get; } = new(false, null);
}

/// <summary>A warning for the trace about dropped lines; <see cref="DroppedLines"/> is the count it reports, when it reports one.</summary>
public sealed record LogNotice(string Message, long? DroppedLines);
