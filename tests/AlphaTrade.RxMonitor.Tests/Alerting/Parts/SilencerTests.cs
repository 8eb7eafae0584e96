using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Silencing;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Alerting.Parts;

public sealed class SilencerTests
{
    private readonly TestScheduler _scheduler = new();
    private readonly InMemoryAlertHistory _history = new();
    private readonly Silencer _silencer;

    public SilencerTests()
    {
        _scheduler.AdvanceTo(AlertingHarness.Start.UtcTicks);
        var gate = new AlertingGate(_scheduler);
        _silencer = new Silencer(gate, new AlertHistoryRecorder(_history, new FailureReporter(null, _scheduler.AsTimeProvider())));
    }

    private DateTimeOffset Now => _scheduler.Now;

    [Fact]
    public void SilencedBy_ActiveMatchingSilences_AreTheirIdsSorted()
    {
        var first = _silencer.Create([LabelMatcher.Parse("instance=db-1")], Now, Now.AddHours(1), "ops", "a");
        var second = _silencer.Create([LabelMatcher.Parse("alertname=A")], Now, Now.AddHours(1), "ops", "b");
        _silencer.Create([LabelMatcher.Parse("instance=db-2")], Now, Now.AddHours(1), "ops", "other instance");

        var silencedBy = _silencer.SilencedBy(AlertingHarness.Labels("A", ("instance", "db-1")), Now);

        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), silencedBy);
    }

    [Fact]
    public void SilencedBy_PendingSilence_IsNone()
    {
        _silencer.Create([LabelMatcher.Parse("alertname=A")], Now.AddMinutes(5), Now.AddHours(1), "ops", "later");

        Assert.Null(_silencer.SilencedBy(AlertingHarness.Labels("A"), Now));
    }

    [Fact]
    public void Changed_AtStartAndEnd_IsCalledWithThoseTimes()
    {
        var times = new List<DateTimeOffset>();
        _silencer.Changed = times.Add;
        _silencer.Create([LabelMatcher.Parse("alertname=A")], Now.AddMinutes(5), Now.AddMinutes(10), "ops", "window");

        _scheduler.AdvanceBy(TimeSpan.FromMinutes(11).Ticks);

        Assert.Equal([AlertingHarness.Start.AddMinutes(5), AlertingHarness.Start.AddMinutes(10)], times);
    }

    [Fact]
    public async Task Expire_ActiveSilence_EndsNowAndRecordsTheNewVersion()
    {
        var silence = _silencer.Create([LabelMatcher.Parse("alertname=A")], Now, Now.AddHours(1), "ops", "c");
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(1).Ticks);

        Assert.True(_silencer.Expire(silence.Id));

        Assert.Equal(Now, Assert.Single(_silencer.Snapshot()).EndsAt);
        Assert.Equal(Now, Assert.Single(await _history.QuerySilencesAsync()).EndsAt);
    }

    [Fact]
    public void Expire_AlreadyExpired_IsFalse()
    {
        var silence = _silencer.Create([LabelMatcher.Parse("alertname=A")], Now, Now.AddHours(1), "ops", "c");
        _silencer.Expire(silence.Id);

        Assert.False(_silencer.Expire(silence.Id));
    }

    [Fact]
    public void RemoveEndedBefore_Cutoff_ForgetsOnlyThoseThatEndedEarlier()
    {
        _silencer.Create([LabelMatcher.Parse("alertname=A")], Now, Now.AddMinutes(10), "ops", "short");
        var kept = _silencer.Create([LabelMatcher.Parse("alertname=B")], Now, Now.AddHours(2), "ops", "long");

        var removed = _silencer.RemoveEndedBefore(Now.AddHours(1));

        Assert.Equal(1, removed);
        Assert.Equal(kept.Id, Assert.Single(_silencer.Snapshot()).Id);
    }

    [Fact]
    public void Create_EveryMatcherMatchesEmpty_NamesTheProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => _silencer.Create([LabelMatcher.Parse("instance=~.*")], Now, Now.AddHours(1), "ops", "all"));

        Assert.Contains("does not match the empty string", error.Message, StringComparison.Ordinal);
    }
}
