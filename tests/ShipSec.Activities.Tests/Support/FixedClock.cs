namespace ShipSec.Activities.Tests.Support;

/// <summary>A <see cref="TimeProvider"/> whose "now" is fixed, for certificate-expiry logic.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
