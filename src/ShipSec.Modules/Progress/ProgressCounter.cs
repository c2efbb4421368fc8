namespace ShipSec.Modules.Progress;

/// <summary>
/// Counts the finished items of a concurrent loop and reports each count through <see cref="ModuleContext.Progress"/>
/// under one lock, so the reports arrive in order ("3/3" is always the last) instead of racing each other.
/// </summary>
public sealed class ProgressCounter(ModuleContext context, long total, string verb, string unit)
{
    private readonly Lock _gate = new();
    private long _finished;

    /// <summary>Marks one more item finished and reports e.g. <c>resolved 2/3</c>.</summary>
    public void ItemFinished()
    {
        lock (_gate)
        {
            _finished++;
            context.Progress(_finished, total, $"{verb} {_finished}/{total}", unit);
        }
    }
}
