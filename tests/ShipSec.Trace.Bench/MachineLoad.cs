using System.Globalization;

namespace ShipSec.Trace.Bench;

/// <summary>Samples the 1-minute load average (<c>/proc/loadavg</c>) every few seconds while the benchmark runs, so the figures can say how busy the machine was.</summary>
public sealed class MachineLoad : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly List<double> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public MachineLoad() => _sampling = SampleAsync(_stop.Token);

    /// <summary>The load averages over 1, 5 and 15 minutes as <c>uptime</c> prints them, or "unknown" off Linux.</summary>
    public static string Now() => Read() is { } load ? string.Join(", ", load.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture))) : "unknown";

    /// <summary>Lowest, median and highest 1-minute load average sampled so far.</summary>
    public string Summary()
    {
        lock (_samples)
        {
            if (_samples.Count == 0) return "not sampled";
            var sorted = _samples.Order().ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"min {sorted[0]:0.0}, median {sorted[sorted.Count / 2]:0.0}, max {sorted[^1]:0.0} ({sorted.Count} samples, every {Interval.TotalSeconds:0} s)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (Read() is { } load)
            {
                lock (_samples) _samples.Add(load[0]);
            }
        }
        while (await Tick(timer, stop));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static double[]? Read()
    {
        if (!File.Exists("/proc/loadavg")) return null;
        return File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }
}
