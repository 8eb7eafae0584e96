using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

public sealed class InMemoryAlertHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AlertTransition Transition(string rule, Severity severity, AlertState state, int minute, string instance = "db-1")
    {
        var labels = LabelSet.Create(new Label("alertname", rule), new Label("instance", instance));
        var alert = new Alert
        {
            Fingerprint = labels.Fingerprint,
            RuleName = rule,
            Labels = labels,
            Severity = severity,
            State = state,
            ActiveAt = T0,
            StartsAt = T0,
            UpdatedAt = T0.AddMinutes(minute),
        };
        return new AlertTransition(alert, state == AlertState.Firing ? AlertChange.Firing : AlertChange.Resolved, null, null, T0.AddMinutes(minute));
    }

    private static AlertNotification Notification(DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        Receiver = "default",
        GroupKey = "{}:{}",
        GroupLabels = LabelSet.Empty,
        Timestamp = at,
        Alerts = [Transition("A", Severity.Warning, AlertState.Firing, 0).Alert],
    };

    private static InMemoryAlertHistory Filled()
    {
        var history = new InMemoryAlertHistory();
        history.RecordTransition(Transition("A", Severity.Warning, AlertState.Firing, 0));
        history.RecordTransition(Transition("B", Severity.Critical, AlertState.Firing, 1, "db-2"));
        history.RecordTransition(Transition("A", Severity.Warning, AlertState.Resolved, 2));
        history.RecordTransition(Transition("C", Severity.Info, AlertState.Firing, 3, "web-1"));
        return history;
    }

    [Fact]
    public async Task QueryTransitionsAsync_ByRule_ReturnsOnlyThatRuleOldestFirst()
    {
        var result = await Filled().QueryTransitionsAsync(new AlertHistoryQuery { RuleName = "A" });

        Assert.Equal([AlertChange.Firing, AlertChange.Resolved], result.Select(static t => t.Change));
    }

    [Fact]
    public async Task QueryTransitionsAsync_MinimumSeverity_ExcludesLower()
    {
        var result = await Filled().QueryTransitionsAsync(new AlertHistoryQuery { MinimumSeverity = Severity.Warning });

        Assert.Equal(["A", "B", "A"], result.Select(static t => t.Alert.RuleName));
    }

    [Fact]
    public async Task QueryTransitionsAsync_ByState_ReturnsOnlyThatState()
    {
        var result = await Filled().QueryTransitionsAsync(new AlertHistoryQuery { State = AlertState.Resolved });

        Assert.Equal("A", Assert.Single(result).Alert.RuleName);
    }

    [Fact]
    public async Task QueryTransitionsAsync_LabelMatchers_FilterOnLabels()
    {
        var result = await Filled().QueryTransitionsAsync(new AlertHistoryQuery { LabelMatchers = [LabelMatcher.Regex("instance", "db-.*")] });

        Assert.Equal(3, result.Count);
    }

    [Fact]
    public async Task QueryTransitionsAsync_TimeRange_IsSinceInclusiveUntilExclusive()
    {
        var result = await Filled().QueryTransitionsAsync(new AlertHistoryQuery { Since = T0.AddMinutes(1), Until = T0.AddMinutes(3) });

        Assert.Equal(["B", "A"], result.Select(static t => t.Alert.RuleName));
    }

    [Fact]
    public async Task QueryTransitionsAsync_Limit_KeepsTheNewest()
    {
        var result = await Filled().QueryTransitionsAsync(new AlertHistoryQuery { Limit = 2 });

        Assert.Equal(["A", "C"], result.Select(static t => t.Alert.RuleName));
    }

    [Fact]
    public async Task RecordTransition_OverCapacity_EvictsOldestAndCounts()
    {
        var history = new InMemoryAlertHistory(capacity: 2);
        history.RecordTransition(Transition("A", Severity.Info, AlertState.Firing, 0));
        history.RecordTransition(Transition("B", Severity.Info, AlertState.Firing, 1));

        history.RecordTransition(Transition("C", Severity.Info, AlertState.Firing, 2));

        Assert.Equal(["B", "C"], (await history.QueryTransitionsAsync(AlertHistoryQuery.All)).Select(static t => t.Alert.RuleName));
        Assert.Equal(1, history.Evicted);
    }

    [Fact]
    public async Task DeleteOlderThanAsync_NotificationBeforeTheCutoff_ItsDeliveriesGoWithItEvenWhenAcceptedAfter()
    {
        var history = new InMemoryAlertHistory();
        var old = Notification(T0);
        var kept = Notification(T0.AddHours(2));
        history.RecordNotification(old);
        history.RecordDelivery(new NotificationDelivery(old.Id, "a", T0));
        history.RecordDelivery(new NotificationDelivery(old.Id, "b", T0.AddHours(2)));
        history.RecordNotification(kept);
        history.RecordDelivery(new NotificationDelivery(kept.Id, "a", T0.AddHours(2)));

        await history.DeleteOlderThanAsync(T0.AddHours(1));

        Assert.Equal(kept.Id, Assert.Single(await history.QueryDeliveriesAsync()).NotificationId);
    }

    [Fact]
    public async Task DeleteOlderThanAsync_Cutoff_RemovesOlderEntries()
    {
        var history = Filled();

        var deleted = await history.DeleteOlderThanAsync(T0.AddMinutes(2));

        Assert.Equal(2, deleted);
        Assert.Equal(2, (await history.QueryTransitionsAsync(AlertHistoryQuery.All)).Count);
    }

    [Fact]
    public async Task QueryNotificationsAsync_ReceiverAndAlertFilters_MatchAnyAlertOfTheGroup()
    {
        var history = new InMemoryAlertHistory();
        var a = Transition("A", Severity.Warning, AlertState.Firing, 0).Alert;
        var b = Transition("B", Severity.Critical, AlertState.Firing, 0).Alert;
        history.RecordNotification(new AlertNotification { Id = Guid.NewGuid(), Receiver = "pager", GroupKey = "{}:{}", GroupLabels = LabelSet.Empty, Timestamp = T0, Alerts = [a, b] });
        history.RecordNotification(new AlertNotification { Id = Guid.NewGuid(), Receiver = "default", GroupKey = "{}:{}", GroupLabels = LabelSet.Empty, Timestamp = T0, Alerts = [a] });

        var result = await history.QueryNotificationsAsync(new AlertHistoryQuery { Receiver = "pager", Severity = Severity.Critical });

        Assert.Equal(2, Assert.Single(result).Alerts.Count);
    }
}
