namespace ShipSec.Runtime.Hosting;

/// <summary>
/// Wakes one background loop that otherwise sleeps until its next check: a wake that comes while the loop is busy is kept
/// (at most one), so the loop looks again as soon as it is done and never misses work committed meanwhile.
/// </summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Says there is something to do; cheap and safe to call often.</summary>
    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke the loop between the check and the release: nothing left to do.
            }
        }
    }

    /// <summary>Waits until <see cref="Wake"/> is called (or was, since the last wait) or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
