using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Runs;
using ShipSec.Flowchart.Engine;

namespace ShipSec.Flowchart.Tests.Scenarios.RetryBackoff;

public class Tests
{
    private static readonly RetryPolicy Policy = new()
    {
        MaxAttempts = 5,
        InitialIntervalSeconds = 0.05,
        BackoffCoefficient = 2,
        MaximumIntervalSeconds = 0.15,
        NonRetryableErrorTypes = ["QuotaError"],
    };

    [TestCase(1, 0.05)]
    [TestCase(2, 0.10)]
    [TestCase(3, 0.15)]
    [TestCase(4, 0.15)]
    public void Backoff_grows_by_the_coefficient_and_is_capped_by_the_maximum_interval(int failedAttempt, double expectedSeconds)
    {
        Assert.That(RetryDecider.DelayAfter(Policy, failedAttempt).TotalSeconds, Is.EqualTo(expectedSeconds).Within(1e-6));
    }

    [Test]
    public void Backoff_without_a_maximum_keeps_growing()
    {
        var policy = Policy with { MaximumIntervalSeconds = null, InitialIntervalSeconds = 1.5, BackoffCoefficient = 3 };

        Assert.That(RetryDecider.DelayAfter(policy, 3), Is.EqualTo(TimeSpan.FromSeconds(13.5)));
    }

    [TestCase(1, "NetworkError", true, ExpectedResult = true)]
    [TestCase(4, "NetworkError", true, ExpectedResult = true)]
    [TestCase(5, "NetworkError", true, ExpectedResult = false)]
    [TestCase(1, "NetworkError", false, ExpectedResult = false)]
    [TestCase(1, "QuotaError", true, ExpectedResult = false)]
    public bool A_failure_is_retried_only_with_attempts_left_a_retryable_error_and_an_allowed_type(int attempt, string type, bool retryable) =>
        RetryDecider.WillRetry(Policy, new NodeError { Type = type, Message = "x", Retryable = retryable }, attempt);

    [Test]
    public void A_node_without_policy_is_never_retried()
    {
        Assert.That(RetryDecider.WillRetry(RetryDecider.NoRetry, new NodeError { Type = "NetworkError", Retryable = true }, 1), Is.False);
    }
}
