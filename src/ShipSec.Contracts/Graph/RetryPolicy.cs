namespace ShipSec.Contracts.Graph;

/// <summary>Retry policy of a node; intervals are seconds and may be fractional (0.05).</summary>
public sealed record RetryPolicy
{
    public int MaxAttempts { get; init; } = 1;
    public double InitialIntervalSeconds { get; init; } = 1;
    public double BackoffCoefficient { get; init; } = 2;
    public double? MaximumIntervalSeconds { get; init; }
    public List<string> NonRetryableErrorTypes { get; init; } = [];
}
