using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Alerting.Parts;

public sealed class AlertStoreTests
{
    private static readonly FlapSettings NoFlapping = new(false, 5, 0.3, 0.5, TimeSpan.FromMinutes(1));
    private readonly TestScheduler _scheduler = new();
    private readonly InMemoryAlertHistory _history = new();

    public AlertStoreTests() => _scheduler.AdvanceTo(AlertingHarness.Start.UtcTicks);

    [Fact]
    public void Apply_SameStateAndSeverity_IsADuplicateWithoutTransition()
    {
        var store = Store(NoFlapping);
        store.Apply(Event(AlertState.Firing));

        var changed = store.Apply(Event(AlertState.Firing));

        Assert.Null(changed);
        Assert.Equal(1, store.Duplicates);
        Assert.Single(Transitions());
    }

    [Fact]
    public void Apply_ResolvedForUnknownAlert_IsIgnored()
    {
        var store = Store(NoFlapping);

        Assert.Null(store.Apply(Event(AlertState.Resolved)));

        Assert.Equal(1, store.Ignored);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Apply_SeverityChange_IsASeverityChangedTransition()
    {
        var store = Store(NoFlapping);
        store.Apply(Event(AlertState.Firing));

        var changed = store.Apply(Event(AlertState.Firing, Severity.Critical));

        Assert.NotNull(changed);
        Assert.Equal(AlertChange.SeverityChanged, Transitions()[^1].Change);
    }

    [Fact]
    public void FlappingChanged_AlternatingStates_IsCalledOnceWhenFlappingStarts()
    {
        var store = Store(new FlapSettings(true, 5, 0.3, 0.5, TimeSpan.FromMinutes(1)));
        var calls = new List<bool>();
        store.FlappingChanged = (_, started) => calls.Add(started);

        for (var i = 0; i < 4; i++)
        {
            store.Apply(Event(i % 2 == 0 ? AlertState.Firing : AlertState.Resolved));
            _scheduler.AdvanceBy(TimeSpan.FromSeconds(30).Ticks);
        }

        Assert.Equal([true], calls);
    }

    [Fact]
    public void RemoveResolvedBefore_Cutoff_ForgetsOnlyAlertsResolvedEarlier()
    {
        var store = Store(NoFlapping);
        store.Apply(Event(AlertState.Firing));
        store.Apply(Event(AlertState.Resolved));
        store.Apply(Event(AlertState.Firing, rule: "B"));

        var removed = store.RemoveResolvedBefore(_scheduler.Now.AddSeconds(1), static _ => true);

        Assert.Equal("A", Assert.Single(removed).RuleName);
        Assert.Equal("B", Assert.Single(store.Entries).RuleName);
    }

    [Fact]
    public void RemoveResolvedBefore_StillGrouped_KeepsTheAlert()
    {
        var store = Store(NoFlapping);
        store.Apply(Event(AlertState.Firing));
        store.Apply(Event(AlertState.Resolved));

        var removed = store.RemoveResolvedBefore(_scheduler.Now.AddSeconds(1), static _ => false);

        Assert.Empty(removed);
        Assert.Equal(1, store.Count);
    }

    private AlertStore Store(FlapSettings flap)
    {
        var recorder = new AlertHistoryRecorder(_history, new FailureReporter(null, _scheduler.AsTimeProvider()));
        return new AlertStore(new AlertingGate(_scheduler), recorder, flap);
    }

    private AlertEvent Event(AlertState state, Severity severity = Severity.Warning, string rule = "A") => new()
    {
        RuleName = rule,
        State = state,
        Severity = severity,
        Labels = AlertingHarness.Labels(rule),
        Timestamp = _scheduler.Now,
        ActiveAt = _scheduler.Now,
    };

    private IReadOnlyList<AlertTransition> Transitions() =>
        _history.QueryTransitionsAsync(AlertHistoryQuery.All).AsTask().GetAwaiter().GetResult();
}
