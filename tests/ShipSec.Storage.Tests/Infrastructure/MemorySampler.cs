using System.Diagnostics;

namespace ShipSec.Storage.Tests.Infrastructure;

/// <summary>Samples this process's working set (the in-process server included) until disposed; reports the peak above the starting level.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    private MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Baseline = Current();
        _peak = Baseline;
        _sampling = Task.Run(SampleAsync);
    }

    /// <summary>Working set when sampling started, after a full collection.</summary>
    public long Baseline { get; }

    /// <summary>Highest working set seen minus <see cref="Baseline"/>.</summary>
    public long PeakGrowth => Interlocked.Read(ref _peak) - Baseline;

    public static MemorySampler Start() => new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var current = Current();
            if (current > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, current);
            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static long Current()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
