using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Trace.Tests.ModuleOutput;

/// <summary>The per-node decision on each log line, on a controlled clock.</summary>
public sealed class NodeLogLimiterTests
{
    private readonly FakeTimeProvider _clock = new();

    [Test]
    public void The_cap_notice_comes_once_and_the_summary_counts_every_line_over_the_cap()
    {
        var limiter = new NodeLogLimiter(maxLines: 3, maxPerSecond: 0, "scan-output.log", _clock);

        var decisions = Enumerable.Range(0, 10).Select(_ => limiter.Admit()).ToList();

        Assert.That(decisions.Select(d => d.Keep), Is.EqualTo(new[] { true, true, true, false, false, false, false, false, false, false }));
        Assert.That(decisions.Count(d => d.Notice is not null), Is.EqualTo(1));
        Assert.That(decisions[3].Notice!.Message, Does.Contain("cap of 3 lines").And.Contain("scan-output.log"));
        Assert.That(limiter.Summary()!.DroppedLines, Is.EqualTo(7));
        Assert.That(limiter.Summary()!.Message, Does.StartWith("7 of 10 log lines").And.Contain("7 over the cap of 3 lines"));
    }

    [Test]
    public void A_burst_over_the_rate_gets_one_notice_then_its_count_once_a_second_passes_without_drops()
    {
        var limiter = new NodeLogLimiter(maxLines: 1000, maxPerSecond: 2, "scan-output.log", _clock);

        var burst = Enumerable.Range(0, 6).Select(_ => limiter.Admit()).ToList();
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        var afterPause = limiter.Admit();

        Assert.That(burst.Select(d => d.Keep), Is.EqualTo(new[] { true, true, false, false, false, false }));
        Assert.That(burst.Count(d => d.Notice is not null), Is.EqualTo(1), "one notice for the whole run of dropped lines");
        Assert.That(afterPause.Keep, Is.True);
        Assert.That(afterPause.Notice!.DroppedLines, Is.EqualTo(4));
        Assert.That(limiter.Summary()!.Message, Does.Contain("4 over the rate limit of 2 lines per second"));
    }

    [Test]
    public void A_sustained_flood_keeps_a_share_of_each_second_without_repeating_the_notice()
    {
        var limiter = new NodeLogLimiter(maxLines: 1000, maxPerSecond: 2, "scan-output.log", _clock);

        var decisions = new List<LogLineDecision>();
        for (var quarter = 0; quarter < 12; quarter++)
        {
            decisions.AddRange(Enumerable.Range(0, 5).Select(_ => limiter.Admit()));
            _clock.Advance(TimeSpan.FromSeconds(0.25));
        }

        Assert.That(decisions.Count(d => d.Keep), Is.EqualTo(6), "two lines in each of the three seconds");
        Assert.That(decisions.Count(d => d.Notice is not null), Is.EqualTo(1));
        Assert.That(limiter.Summary()!.DroppedLines, Is.EqualTo(54));
    }

    [Test]
    public void Nothing_to_report_when_every_line_was_kept()
    {
        var limiter = new NodeLogLimiter(maxLines: 10, maxPerSecond: 10, "scan-output.log", _clock);

        var decisions = Enumerable.Range(0, 10).Select(_ => limiter.Admit()).ToList();

        Assert.That(decisions, Is.All.EqualTo(LogLineDecision.KeepLine));
        Assert.That(limiter.Summary(), Is.Null);
    }
}
