using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;

namespace ShipSec.Flowchart.Engine;

/// <summary>Decides whether a failed attempt is retried and after what back-off; shared by the engine and the pipeline so both agree.</summary>
public static class RetryDecider
{
    /// <summary>The policy of a node that declares none: one attempt, no retry.</summary>
    public static RetryPolicy NoRetry { get; } = new() { MaxAttempts = 1 };

    // Keeps a runaway exponential back-off representable as a due time.
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(365);

    /// <summary>True when attempt <paramref name="attempt"/> (1-based) failed with <paramref name="error"/> and the policy allows another one.</summary>
    public static bool WillRetry(RetryPolicy policy, NodeError error, int attempt) =>
        attempt < policy.MaxAttempts
        && error.Retryable
        && !policy.NonRetryableErrorTypes.Contains(error.Type, StringComparer.Ordinal);

    /// <summary>Back-off before the attempt that follows failed attempt <paramref name="failedAttempt"/>:
    /// initial × coefficient^(failedAttempt−1), capped by the policy's maximum interval.</summary>
    public static TimeSpan DelayAfter(RetryPolicy policy, int failedAttempt)
    {
        var seconds = policy.InitialIntervalSeconds * Math.Pow(policy.BackoffCoefficient, Math.Max(0, failedAttempt - 1));
        if (policy.MaximumIntervalSeconds is { } maximum)
            seconds = Math.Min(seconds, maximum);
        if (double.IsNaN(seconds) || seconds <= 0)
            return TimeSpan.Zero;
        return seconds >= LongestDelay.TotalSeconds ? LongestDelay : TimeSpan.FromSeconds(seconds);
    }
}
