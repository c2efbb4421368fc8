using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Trace.Tests.ModuleOutput;

/// <summary>When one node attempt's progress reports become NODE_PROGRESS events, on a controlled clock.</summary>
public sealed class NodeProgressCoalescerTests
{
    private FakeTimeProvider _clock = null!;
    private List<(ProgressReport Report, DateTimeOffset At)> _emitted = null!;

    [SetUp]
    public void NewClock()
    {
        _clock = new FakeTimeProvider();
        _emitted = [];
    }

    private NodeProgressCoalescer Coalescer(int maxPerSecond) => new(maxPerSecond, _clock, report => _emitted.Add((report, _clock.GetUtcNow())));

    private static ProgressReport Step(long current, long total = 1_000) => new(current, total, $"scanned {current}/{total}", "hosts");

    private IEnumerable<long?> Emitted => _emitted.Select(e => e.Report.Current);

    [Test]
    public void A_flood_of_reports_yields_at_most_the_limit_in_each_second_in_the_order_reported()
    {
        var coalescer = Coalescer(maxPerSecond: 5);
        var start = _clock.GetUtcNow();

        for (var i = 1; i <= 400; i++)
        {
            coalescer.Report(Step(i));
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        var perSecond = _emitted.GroupBy(e => (int)(e.At - start).TotalSeconds).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(perSecond.Keys, Is.EquivalentTo(new[] { 0, 1, 2, 3, 4 }), "the timer emits what was held at the end of each second");
        Assert.That(perSecond.Values, Is.All.LessThanOrEqualTo(5));
        Assert.That(Emitted, Is.Ordered.Ascending.And.Unique);
        Assert.That(Emitted.Last(), Is.EqualTo(400), "the last report was held at the end of the fourth second and emitted then");
    }

    [Test]
    public void Reports_over_the_limit_are_held_latest_wins_and_emitted_when_the_second_is_over()
    {
        var coalescer = Coalescer(maxPerSecond: 2);

        for (var i = 1; i <= 10; i++) coalescer.Report(Step(i));
        var withinTheSecond = Emitted.ToList();
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        var justBefore = Emitted.ToList();
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.That(withinTheSecond, Is.EqualTo(new long?[] { 1, 2 }));
        Assert.That(justBefore, Is.EqualTo(new long?[] { 1, 2 }));
        Assert.That(Emitted, Is.EqualTo(new long?[] { 1, 2, 10 }), "3 to 9 were replaced by 10 before the window allowed another event");
    }

    [Test]
    public void A_report_after_a_quiet_second_is_emitted_at_once()
    {
        var coalescer = Coalescer(maxPerSecond: 1);

        coalescer.Report(Step(1));
        _clock.Advance(TimeSpan.FromSeconds(3));
        coalescer.Report(Step(2));

        Assert.That(_emitted.Select(e => (e.Report.Current, e.At - _emitted[0].At)),
            Is.EqualTo(new (long?, TimeSpan)[] { (1, TimeSpan.Zero), (2, TimeSpan.FromSeconds(3)) }));
    }

    [Test]
    public void Completing_emits_the_held_report_at_once_and_nothing_afterwards()
    {
        var coalescer = Coalescer(maxPerSecond: 3);
        for (var i = 1; i <= 127; i++) coalescer.Report(Step(i, 127));

        coalescer.Complete();
        var atCompletion = _emitted.Select(e => e.Report.Message).ToList();
        coalescer.Report(Step(200, 127));
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.That(atCompletion, Is.EqualTo(new[] { "scanned 1/127", "scanned 2/127", "scanned 3/127", "scanned 127/127" }));
        Assert.That(_emitted, Has.Count.EqualTo(4), "neither a later report nor the window's timer emits after completion");
    }

    [Test]
    public void Completing_with_nothing_held_emits_nothing_more()
    {
        var coalescer = Coalescer(maxPerSecond: 3);
        coalescer.Report(Step(1));
        coalescer.Report(Step(2));

        coalescer.Complete();

        Assert.That(Emitted, Is.EqualTo(new long?[] { 1, 2 }));
    }

    [Test]
    public void A_limit_of_0_emits_every_report_as_it_comes()
    {
        var coalescer = Coalescer(maxPerSecond: 0);

        for (var i = 1; i <= 1_000; i++) coalescer.Report(Step(i));

        Assert.That(Emitted, Is.EqualTo(Enumerable.Range(1, 1_000).Select(i => (long?)i)));
    }
}
